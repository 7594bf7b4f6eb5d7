package dev.vsskit.vss.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which of a dataset's backups to delete after a successful backup: keep the newest {@code count},
 * and/or delete those older than {@code maxAge}. The backup just taken (and any protected one) is never
 * deleted and takes a keep slot first.
 */
public record RetentionPolicy(OptionalInt keepCount, java.util.Optional<Duration> maxAge) {

    public RetentionPolicy {
        Objects.requireNonNull(keepCount, "keepCount");
        Objects.requireNonNull(maxAge, "maxAge");
        if (keepCount.isPresent() && keepCount.getAsInt() < 1) {
            throw new IllegalArgumentException("--retain must be at least 1 (the backup just taken is always kept)");
        }
        if (maxAge.isPresent() && (maxAge.get().isNegative() || maxAge.get().isZero())) {
            throw new IllegalArgumentException("--retain-days must be at least 1");
        }
    }

    public static RetentionPolicy unlimited() {
        return new RetentionPolicy(OptionalInt.empty(), java.util.Optional.empty());
    }

    public boolean isUnlimited() {
        return keepCount.isEmpty() && maxAge.isEmpty();
    }

    /** A backup as retention sees it. */
    public record Candidate(String name, Instant time) {
        public Candidate {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(time, "time");
        }
    }

    /**
     * The backups to delete, oldest first. {@code justTaken} (and anything named in {@code protectedNames})
     * is always kept and counts towards {@code keepCount}.
     */
    public List<Candidate> toDelete(List<Candidate> backups, String justTaken, Set<String> protectedNames,
            Instant now) {
        List<Candidate> newestFirst = backups.stream()
                .sorted(Comparator.comparing(Candidate::time).reversed().thenComparing(Candidate::name))
                .collect(Collectors.toList());
        List<Candidate> delete = new ArrayList<>();
        // the protected ones take their keep slots first, whatever their timestamps say
        long kept = newestFirst.stream().filter(c -> isProtected(c, justTaken, protectedNames)).count();
        for (Candidate c : newestFirst) {
            if (isProtected(c, justTaken, protectedNames)) {
                continue;
            }
            boolean overCount = keepCount.isPresent() && kept >= keepCount.getAsInt();
            boolean tooOld = maxAge.isPresent() && c.time().isBefore(now.minus(maxAge.get()));
            if (overCount || tooOld) {
                delete.add(c);
            } else {
                kept++;
            }
        }
        delete.sort(Comparator.comparing(Candidate::time));
        return delete;
    }

    private static boolean isProtected(Candidate c, String justTaken, Set<String> protectedNames) {
        return c.name().equals(justTaken) || protectedNames.contains(c.name());
    }
}
