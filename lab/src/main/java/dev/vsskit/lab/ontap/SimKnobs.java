package dev.vsskit.lab.ontap;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * The simulator's rehearsal knobs, kept in {@code <lab>/ontap/knobs.json} so another process (the CLI)
 * can set them: added latency per call, how long jobs stay running, injected faults, and for rehearsals of a
 * hung call the hardware provider's start budget ({@code providerStartBudgetMs}, 0: its default of 20 s; read
 * when a process starts its ONTAP side), so that a hang costs seconds, not the default budget.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SimKnobs(long latencyMs, long jobDelayMs, long seed, List<SimFault> faults, long providerStartBudgetMs) {
    public SimKnobs {
        faults = faults == null ? List.of() : List.copyOf(faults);
        if (latencyMs < 0 || jobDelayMs < 0 || providerStartBudgetMs < 0) {
            throw new IllegalArgumentException("latency, job delay and start budget must not be negative");
        }
    }

    public SimKnobs(long latencyMs, long jobDelayMs, long seed, List<SimFault> faults) {
        this(latencyMs, jobDelayMs, seed, faults, 0);
    }

    public static final SimKnobs NONE = new SimKnobs(0, 0, 1, List.of());

    public SimKnobs withLatency(long ms) {
        return new SimKnobs(ms, jobDelayMs, seed, faults, providerStartBudgetMs);
    }

    public SimKnobs withJobDelay(long ms) {
        return new SimKnobs(latencyMs, ms, seed, faults, providerStartBudgetMs);
    }

    public SimKnobs withFaults(SimFault... f) {
        return new SimKnobs(latencyMs, jobDelayMs, seed, List.of(f), providerStartBudgetMs);
    }

    public SimKnobs withProviderStartBudget(java.time.Duration budget) {
        return new SimKnobs(latencyMs, jobDelayMs, seed, faults, budget.toMillis());
    }
}
