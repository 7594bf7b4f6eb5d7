package dev.vsskit.ontap.client;

import java.util.Objects;

/** The cluster's ONTAP release (the lowest across nodes), e.g. 9.13.1, and what it can do. */
public record OntapVersion(int generation, int major, int minor, String full) implements Comparable<OntapVersion> {
    public OntapVersion {
        Objects.requireNonNull(full, "full");
    }

    /** Parses {@code 9.13.1} or {@code 9.8} (minor 0). */
    public static OntapVersion parse(String text) {
        String[] p = text.trim().split("\\.");
        try {
            int g = Integer.parseInt(p[0]);
            int ma = p.length > 1 ? Integer.parseInt(p[1]) : 0;
            int mi = p.length > 2 ? Integer.parseInt(p[2]) : 0;
            return new OntapVersion(g, ma, mi, "NetApp Release " + g + "." + ma + "." + mi);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an ONTAP version: '" + text + "' (expected e.g. 9.13.1)");
        }
    }

    public boolean atLeast(int gen, int maj) {
        return generation > gen || (generation == gen && major >= maj);
    }

    /** Consistency groups and their snapshots over REST: ONTAP 9.10. */
    public boolean hasConsistencyGroups() {
        return atLeast(9, 10);
    }

    /** Two-phase CG snapshots ({@code action=start} / {@code action=commit}): ONTAP 9.11. */
    public boolean hasTwoPhaseCgSnapshots() {
        return atLeast(9, 11);
    }

    /** Single-file restore through {@code restore_to.path} (after 9.7; vsskit requires 9.10). */
    public boolean hasFileRestore() {
        return atLeast(9, 10);
    }

    @Override
    public int compareTo(OntapVersion o) {
        int c = Integer.compare(generation, o.generation);
        if (c == 0) {
            c = Integer.compare(major, o.major);
        }
        return c != 0 ? c : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return generation + "." + major + "." + minor;
    }
}
