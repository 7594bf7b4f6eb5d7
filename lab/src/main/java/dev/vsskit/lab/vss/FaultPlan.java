package dev.vsskit.lab.vss;

import dev.vsskit.vss.HResult;
import dev.vsskit.vss.coordinator.WriterPhase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The lab's fault plan ({@code <lab>/faults.json}): writers that fail (or take time) at a phase, and
 * providers whose commit takes time or that veto. Rehearsals and tests set it; {@code vsskit lab fault
 * clear} empties it.
 */
public record FaultPlan(List<WriterFault> writerFaults, List<ProviderFault> providerFaults) {

    public static final FaultPlan NONE = new FaultPlan(List.of(), List.of());

    public FaultPlan {
        writerFaults = List.copyOf(writerFaults == null ? List.of() : writerFaults);
        providerFaults = List.copyOf(providerFaults == null ? List.of() : providerFaults);
    }

    /**
     * A writer (host writer, or an in-guest writer such as {@code SqlServerWriter}) that, at {@code phase},
     * first takes {@code delayMillis} (through the lab clock) and then fails with {@code hresult} if set.
     */
    public record WriterFault(String writer, WriterPhase phase, HResult hresult, long delayMillis) {
        public WriterFault {
            Objects.requireNonNull(writer, "writer");
            Objects.requireNonNull(phase, "phase");
            if (delayMillis < 0) {
                throw new IllegalArgumentException("delay must be 0 or more milliseconds, not " + delayMillis);
            }
            if (hresult == null && delayMillis == 0) {
                throw new IllegalArgumentException("a writer fault needs an HRESULT, a delay, or both");
            }
        }

        public boolean matches(String writerName, WriterPhase p) {
            return phase == p && writer.equalsIgnoreCase(writerName);
        }
    }

    /** A provider (by name or id) whose CommitSnapshots takes {@code commitDelayMillis} and/or vetoes. */
    public record ProviderFault(String provider, long commitDelayMillis, boolean veto) {
        public ProviderFault {
            Objects.requireNonNull(provider, "provider");
            if (commitDelayMillis < 0) {
                throw new IllegalArgumentException("commit delay must be 0 or more milliseconds, not " + commitDelayMillis);
            }
            if (commitDelayMillis == 0 && !veto) {
                throw new IllegalArgumentException("a provider fault needs a commit delay, a veto, or both");
            }
        }

        public boolean matches(String providerName, String providerId) {
            String p = provider.toLowerCase(Locale.ROOT);
            return p.equals(providerName.toLowerCase(Locale.ROOT)) || p.equals(providerId.toLowerCase(Locale.ROOT))
                    || ("{" + p + "}").equals(providerId.toLowerCase(Locale.ROOT));
        }
    }

    public Optional<WriterFault> writerFault(String writerName, WriterPhase phase) {
        return writerFaults.stream().filter(f -> f.matches(writerName, phase)).findFirst();
    }

    public Optional<ProviderFault> providerFault(String providerName, String providerId) {
        return providerFaults.stream().filter(f -> f.matches(providerName, providerId)).findFirst();
    }

    /** This plan with {@code fault} replacing any fault for the same writer and phase. */
    public FaultPlan with(WriterFault fault) {
        List<WriterFault> w = new ArrayList<>(writerFaults);
        w.removeIf(f -> f.matches(fault.writer(), fault.phase()));
        w.add(fault);
        return new FaultPlan(w, providerFaults);
    }

    /** This plan with {@code fault} replacing any fault for the same provider. */
    public FaultPlan with(ProviderFault fault) {
        List<ProviderFault> p = new ArrayList<>(providerFaults);
        p.removeIf(f -> f.provider().equalsIgnoreCase(fault.provider()));
        p.add(fault);
        return new FaultPlan(writerFaults, p);
    }

    public boolean isEmpty() {
        return writerFaults.isEmpty() && providerFaults.isEmpty();
    }
}
