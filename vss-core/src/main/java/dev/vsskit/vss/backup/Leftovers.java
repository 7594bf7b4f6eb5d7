package dev.vsskit.vss.backup;

import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.catalog.BackupCatalog;
import dev.vsskit.vss.catalog.BackupRecord;
import dev.vsskit.vss.store.SnapshotStore;
import dev.vsskit.vss.store.StorageSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What vsskit's backups left behind across the layers, for {@code vsskit cleanup}: shadow copies and ONTAP
 * Snapshot copies named for a backup no catalog record names, in-flight notes of processes that died,
 * failed attempt records older than a threshold, and what the host's restores left (a LUN clone of a killed
 * restore, {@link BackupTarget#restoreLeftovers}). Each comes with why it is a leftover. Nothing a record or
 * a running backup (a live in-flight note) still names is ever listed, and {@link #remove} looks again
 * before it deletes, so what changed in between is left alone.
 */
public final class Leftovers {

    /** The kinds of leftover, in the order {@link #remove} deals with them. */
    public enum Kind {
        INFLIGHT_NOTE("in-flight note"),
        FAILED_ATTEMPT("failed attempt record"),
        /** A LUN clone (and its map) a restore made to read a Snapshot copy; before the copies it keeps busy. */
        RESTORE_CLONE("restore LUN clone"),
        SHADOW("shadow copy"),
        STORAGE_SNAPSHOT("ONTAP Snapshot copy");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** One leftover: what it is, its name (id, file or Snapshot copy), where it is, and why it is left over. */
    public record Leftover(Kind kind, String name, String where, String why) {
        public Leftover {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(where, "where");
            Objects.requireNonNull(why, "why");
        }
    }

    /** What {@link #remove} did with one leftover. */
    public record Outcome(Leftover leftover, boolean removed, String detail) {
        public Outcome {
            Objects.requireNonNull(leftover, "leftover");
            Objects.requireNonNull(detail, "detail");
        }
    }

    private final BackupTarget target;
    private final BackupCatalog catalog;
    private final InflightJournal journal;
    private final Function<String, Optional<String>> backupOfSnapshot;
    private final Clock clock;
    private final Duration failedOlderThan;

    /**
     * @param backupOfSnapshot the backup a storage snapshot name says it belongs to, when the name is one vsskit
     *     gives its backups' snapshots (empty for every other name, including snapshots of plain shadow copies)
     * @param failedOlderThan failed attempt records finished longer ago than this are leftovers
     */
    public Leftovers(BackupTarget target, BackupCatalog catalog, Function<String, Optional<String>> backupOfSnapshot,
            Clock clock, Duration failedOlderThan) {
        this.target = Objects.requireNonNull(target, "target");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.journal = new InflightJournal(catalog.dir());
        this.backupOfSnapshot = Objects.requireNonNull(backupOfSnapshot, "backupOfSnapshot");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (failedOlderThan.isNegative()) {
            throw new IllegalArgumentException("the age of stale failed attempts must not be negative");
        }
        this.failedOlderThan = failedOlderThan;
    }

    /** Every leftover, in {@link Kind} order. Changes nothing. */
    public List<Leftover> find() {
        List<BackupRecord> records = catalog.list().records();
        List<InflightJournal.Entry> notes = journal.all();
        Set<String> recordNames = new HashSet<>();
        Set<VssId> protectedSets = new HashSet<>();
        Set<VssId> protectedShadows = new HashSet<>();
        Set<String> protectedSnapshots = new HashSet<>();
        for (BackupRecord r : records) {
            recordNames.add(r.name());
            r.snapshotSetId().ifPresent(protectedSets::add);
            for (BackupRecord.VolumeEntry v : r.volumes()) {
                protectedShadows.add(v.shadowId());
                if (!v.storageSnapshot().isEmpty()) {
                    protectedSnapshots.add(v.storageVolume() + "/" + v.storageSnapshot());
                }
            }
        }
        Set<String> noteNames = new HashSet<>();
        for (InflightJournal.Entry e : notes) {
            // a live note is a running backup; a dead one is cleaned up as a whole, with its set
            noteNames.add(e.name());
            e.setId().ifPresent(protectedSets::add);
        }

        List<Leftover> out = new ArrayList<>();
        for (InflightJournal.Entry e : notes) {
            if (!e.ownerAlive()) {
                String what = catalog.find(e.name()).isPresent() ? "its record was written, so only the note goes"
                        : e.setId().map(s -> "its shadow copies and Snapshot copies of set " + s + " go with it")
                                .orElse("it had not started a snapshot set");
                out.add(new Leftover(Kind.INFLIGHT_NOTE, e.file().getFileName().toString(), catalog.dir()
                        .resolve("inflight").toString(), "backup " + e.name() + " was running in process " + e.pid()
                        + ", which is gone (it died at phase " + e.phase() + "); " + what));
            }
        }
        Instant cutoff = clock.instant().minus(failedOlderThan);
        for (BackupRecord r : records) {
            if (!r.succeeded() && r.finished().isBefore(cutoff) && !noteNames.contains(r.name())) {
                out.add(new Leftover(Kind.FAILED_ATTEMPT, r.name(), catalog.dir().toString(), "the attempt failed ("
                        + shortOutcome(r.outcome()) + ") at " + r.finished() + ", more than " + describe(failedOlderThan)
                        + " ago; no restore can use it"));
            }
        }
        out.addAll(target.restoreLeftovers());
        Set<String> snapshotsOfShadows = new HashSet<>();
        for (Shadow s : target.host().shadows()) {
            Optional<BackupTarget.StorageSnapshotRef> ref = target.storageSnapshotOf(s);
            ref.ifPresent(x -> snapshotsOfShadows.add(x.volume() + "/" + x.name()));
            if (protectedSets.contains(s.setId()) || protectedShadows.contains(s.shadowId()) || ref.isEmpty()) {
                continue;
            }
            Optional<String> backup = backupOfSnapshot.apply(ref.get().name());
            if (backup.isPresent() && !recordNames.contains(backup.get()) && !noteNames.contains(backup.get())) {
                out.add(new Leftover(Kind.SHADOW, s.shadowId().toString(), s.originalVolumePath(), "made for backup "
                        + backup.get() + " (its Snapshot copy " + ref.get().volume() + "/" + ref.get().name()
                        + "), which no catalog record names; deleting it deletes that Snapshot copy too"));
            }
        }
        Optional<SnapshotStore> store = target.storage();
        if (store.isPresent()) {
            for (var volume : store.get().volumes()) {
                for (StorageSnapshot snap : store.get().snapshots(volume.name())) {
                    String key = volume.name() + "/" + snap.name();
                    Optional<String> backup = backupOfSnapshot.apply(snap.name());
                    if (backup.isEmpty() || protectedSnapshots.contains(key) || snapshotsOfShadows.contains(key)
                            || noteNames.contains(backup.get()) || namesProtectedSet(snap.name(), protectedSets)) {
                        continue;
                    }
                    String why = recordNames.contains(backup.get())
                            ? "named for backup " + backup.get() + ", whose record names other Snapshot copies"
                            : "named for backup " + backup.get() + ", which no catalog record names";
                    out.add(new Leftover(Kind.STORAGE_SNAPSHOT, snap.name(), volume.name(), why
                            + " (taken " + snap.created() + ")"));
                }
            }
        }
        return out;
    }

    /** A failure's first words: its HRESULT name and code when it starts with them, else up to 80 characters. */
    static String shortOutcome(String outcome) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\w+ \\(0x[0-9a-fA-F]{8}\\))").matcher(outcome);
        if (m.find()) {
            return m.group(1);
        }
        return outcome.length() <= 80 ? outcome : outcome.substring(0, 79) + "…";
    }

    /** "7 days", "1 hour", "30 seconds": the largest whole unit. */
    static String describe(Duration d) {
        long s = d.toSeconds();
        if (s >= 86_400 && s % 86_400 == 0) {
            return plural(s / 86_400, "day");
        }
        if (s >= 3_600 && s % 3_600 == 0) {
            return plural(s / 3_600, "hour");
        }
        if (s >= 60 && s % 60 == 0) {
            return plural(s / 60, "minute");
        }
        return plural(s, "second");
    }

    private static String plural(long n, String unit) {
        return dev.vsskit.vss.Words.count(n, unit);
    }

    private static boolean namesProtectedSet(String snapshotName, Set<VssId> sets) {
        for (VssId set : sets) {
            if (snapshotName.endsWith("__" + set.bare())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Removes the given leftovers that are still leftovers now (found again, same kind, name and place);
     * the others are reported as not removed.
     */
    public List<Outcome> remove(List<Leftover> chosen) {
        List<Leftover> now = find();
        BackupService service = new BackupService(target, catalog, clock, Sleeper.REAL);
        List<Outcome> out = new ArrayList<>();
        boolean notesDone = false;
        for (Leftover l : chosen) {
            if (!now.contains(l)) {
                out.add(new Outcome(l, false, "left alone: no longer a leftover"));
                continue;
            }
            try {
                switch (l.kind()) {
                    case INFLIGHT_NOTE -> {
                        if (!notesDone) {
                            service.recoverDeadRuns(BackupListener.NONE);
                            notesDone = true;
                        }
                        out.add(new Outcome(l, true, "cleaned up after the dead run"));
                    }
                    case FAILED_ATTEMPT -> {
                        service.delete(l.name());
                        out.add(new Outcome(l, true, "record deleted with what it still held"));
                    }
                    case RESTORE_CLONE -> out.add(new Outcome(l, true, target.removeRestoreLeftover(l)));
                    case SHADOW -> {
                        boolean present = target.host().shadows().stream()
                                .anyMatch(s -> s.shadowId().toString().equals(l.name()));
                        if (present) {
                            target.deleteShadow(VssId.parse(l.name()));
                        }
                        out.add(new Outcome(l, true, present ? "deleted" : "already gone"));
                    }
                    case STORAGE_SNAPSHOT -> {
                        SnapshotStore store = target.storage().orElseThrow();
                        boolean present = store.snapshots(l.where()).stream().anyMatch(s -> s.name().equals(l.name()));
                        if (present) {
                            store.deleteSnapshot(l.where(), l.name());
                        }
                        out.add(new Outcome(l, true, present ? "deleted" : "already gone (its shadow copy took it)"));
                    }
                }
            } catch (RuntimeException e) {
                out.add(new Outcome(l, false, "could not remove: " + e.getMessage()));
            }
        }
        return out;
    }
}
