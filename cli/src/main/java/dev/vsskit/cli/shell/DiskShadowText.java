package dev.vsskit.cli.shell;

import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.VolumeSnapshotAttributes;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.session.SnapshotSetResult;
import dev.vsskit.vss.session.WriterComponent;
import dev.vsskit.vss.session.WriterMetadata;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * diskshadow's text for shadows ({@code create}'s listing) and writer metadata ({@code list writers metadata}
 * and {@code detailed}), line for line as diskshadow prints them. Only text: diskshadow has no other format.
 */
final class DiskShadowText {

    private static final DateTimeFormatter CREATION_TIME = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);

    private DiskShadowText() {
    }

    /**
     * What {@code create} prints: the aliases it set (one per shadow, in order, then VSS_SHADOW_SET) and each
     * shadow of the set. {@code exposedAt}: where this session exposed a shadow, if it did.
     */
    static void created(PrintWriter out, SnapshotSetResult result, List<String> aliases, ZoneId zone,
            Function<VssId, Optional<Path>> exposedAt) {
        for (int i = 0; i < result.shadows().size(); i++) {
            out.println("Alias " + aliases.get(i) + " for shadow ID " + result.shadows().get(i).shadowId()
                    + " set as environment variable.");
        }
        out.println("Alias VSS_SHADOW_SET for shadow set ID " + result.snapshotSetId() + " set as environment variable.");
        out.println();
        out.println("Querying all shadow copies with the shadow copy set ID " + result.snapshotSetId());
        out.println();
        for (int i = 0; i < result.shadows().size(); i++) {
            Shadow s = result.shadows().get(i);
            shadow(out, s, aliases.get(i), zone, exposedAt.apply(s.shadowId()));
        }
        out.println("Number of shadow copies listed: " + result.shadows().size());
        out.flush();
    }

    private static void shadow(PrintWriter out, Shadow s, String alias, ZoneId zone, Optional<Path> exposedAt) {
        out.println("        * Shadow copy ID = " + s.shadowId() + "\t\t%" + alias + "%");
        out.println("                - Shadow copy set: " + s.setId() + "\t%VSS_SHADOW_SET%");
        out.println("                - Original count of shadow copies = " + s.shadowsInSet());
        out.println("                - Original volume name: " + s.originalVolumeName() + " [" + s.originalVolumePath() + "]");
        out.println("                - Creation time: " + CREATION_TIME.format(s.created().atZone(zone)));
        out.println("                - Shadow copy device name: " + s.shadowVolume());
        out.println("                - Originating machine: " + s.originatingMachine());
        out.println("                - Service machine: " + s.serviceMachine());
        out.println("                - " + exposedAt.map(p -> "Exposed locally as: " + p).orElse("Not exposed"));
        out.println("                - Provider ID: " + s.providerId());
        out.println("                - Attributes:  " + String.join(" ", attributeWords(s.attributes())));
        out.println();
    }

    /** diskshadow's attribute words (underscored, unlike vssadmin's). */
    static List<String> attributeWords(VolumeSnapshotAttributes a) {
        List<String> words = new ArrayList<>();
        words.add(a.has(VolumeSnapshotAttributes.NO_AUTO_RELEASE) ? "No_Auto_Release" : "Auto_Release");
        if (a.has(VolumeSnapshotAttributes.PERSISTENT)) {
            words.add("Persistent");
        }
        if (a.has(VolumeSnapshotAttributes.CLIENT_ACCESSIBLE)) {
            words.add("Client_accessible");
        }
        if (a.has(VolumeSnapshotAttributes.NO_WRITERS)) {
            words.add("No_Writers");
        }
        if (a.has(VolumeSnapshotAttributes.TRANSPORTABLE)) {
            words.add("Transportable");
        }
        if (a.has(VolumeSnapshotAttributes.HARDWARE_ASSISTED)) {
            words.add("Hardware");
        }
        if (a.has(VolumeSnapshotAttributes.PLEX)) {
            words.add("Plex");
        }
        if (a.has(VolumeSnapshotAttributes.DIFFERENTIAL)) {
            words.add("Differential");
        }
        if (a.has(VolumeSnapshotAttributes.FILE_SHARE)) {
            words.add("FileShare");
        }
        return words;
    }

    /** {@code list writers metadata}; {@code detailed} adds each component's files. */
    static void writerMetadata(PrintWriter out, List<WriterMetadata> writers, boolean detailed) {
        for (WriterMetadata m : writers) {
            out.println("* WRITER \"" + m.name() + "\"");
            out.println("        - Writer ID   = " + m.writerId());
            out.println("        - Writer instance ID = " + m.instanceId());
            for (WriterComponent c : m.components()) {
                out.println("        + Component \"" + m.name() + ":" + ComponentSelection.componentPath(c) + "\"");
                out.println("                - Name: " + c.name());
                out.println("                - Logical path: " + c.logicalPath());
                out.println("                - Caption: " + c.caption());
                if (detailed) {
                    for (String f : c.files()) {
                        out.println("                - File: " + f);
                    }
                }
            }
            out.println();
        }
        out.println("Number of writers listed: " + writers.size());
        out.flush();
    }

    /** {@code begin backup}'s verbose line per writer that answered Identify. */
    static void identified(PrintWriter out, List<WriterMetadata> writers) {
        for (WriterMetadata m : writers) {
            out.println("Writer \"" + m.name() + "\" " + m.writerId() + ": " + m.components().size() + " component(s)");
        }
    }
}
