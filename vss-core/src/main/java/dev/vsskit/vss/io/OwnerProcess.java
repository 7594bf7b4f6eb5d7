package dev.vsskit.vss.io;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The process that owns a note, a hold or a leftover (an in-flight backup note, a reserved backup name, a snapshot
 * set marker, a restore's LUN clone), told apart from a later process that got the same id once the owner died.
 * Windows hands out process ids again quickly, so "a process with that id runs" alone can keep a dead run's hold
 * forever, or its leftovers from ever being cleaned up. The owner's start time, as the operating system reports it
 * (fixed for a process's life, so a clock step does not move it), is kept beside the id; a process with that id
 * that started at another time is not the owner.
 *
 * <p>Safe in one direction by construction: a running owner is never judged gone. Where the operating system does
 * not tell a start time, or an older note has none, the id alone decides, as it did before.
 */
public record OwnerProcess(long pid, Optional<Instant> started) {

    /** How far apart two readings of one process's start may lie (Linux reports it in clock ticks). */
    static final Duration SAME_START = Duration.ofSeconds(1);

    public OwnerProcess {
        started = started == null ? Optional.empty() : started;
    }

    /** This process. */
    public static OwnerProcess current() {
        ProcessHandle self = ProcessHandle.current();
        return new OwnerProcess(self.pid(), self.info().startInstant());
    }

    /** An owner known by its id only (a note written before start times were kept). */
    public static OwnerProcess ofPid(long pid) {
        return new OwnerProcess(pid, Optional.empty());
    }

    /** Whether the owner still runs: a process with its id runs and, where both are known, started when it did. */
    public boolean runs() {
        if (pid <= 0) {
            return false;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (h.isEmpty()) {
            return false;
        }
        if (started.isEmpty()) {
            return true;
        }
        Optional<Instant> now = h.get().info().startInstant();
        return now.isEmpty() || Duration.between(now.get(), started.get()).abs().compareTo(SAME_START) <= 0;
    }

    /**
     * Whether a process with id {@code pid} that can have made something at {@code madeAt} (read from this host's
     * clock by its maker) still runs: one that started after it was made is another process with the reused id.
     * For names that carry an id and a time but no start time (a restore's LUN clone).
     */
    public static boolean runsSince(long pid, Instant madeAt) {
        if (pid <= 0) {
            return false;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (h.isEmpty()) {
            return false;
        }
        Optional<Instant> start = h.get().info().startInstant();
        return start.isEmpty() || !start.get().isAfter(madeAt.plus(SAME_START));
    }

    /** The text form kept in a hold file: {@code <pid>} or {@code <pid> <start>}. */
    public String toText() {
        return started.map(s -> pid + " " + s).orElse(Long.toString(pid));
    }

    /** Reads {@link #toText()}'s form (a bare pid too); empty when it is neither. */
    public static Optional<OwnerProcess> parse(String text) {
        String[] parts = text.trim().split("\\s+");
        try {
            long pid = Long.parseLong(parts[0]);
            Optional<Instant> start = parts.length > 1 ? Optional.of(Instant.parse(parts[1])) : Optional.empty();
            return Optional.of(new OwnerProcess(pid, start));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
