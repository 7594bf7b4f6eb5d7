package dev.vsskit.lab.ontap;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * The simulator's rehearsal knobs, kept in {@code <lab>/ontap/knobs.json} so another process (the CLI)
 * can set them: added latency per call, how long jobs stay running, and injected faults.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SimKnobs(long latencyMs, long jobDelayMs, long seed, List<SimFault> faults) {
    public SimKnobs {
        faults = faults == null ? List.of() : List.copyOf(faults);
        if (latencyMs < 0 || jobDelayMs < 0) {
            throw new IllegalArgumentException("latency and job delay must not be negative");
        }
    }

    public static final SimKnobs NONE = new SimKnobs(0, 0, 1, List.of());

    public SimKnobs withLatency(long ms) {
        return new SimKnobs(ms, jobDelayMs, seed, faults);
    }

    public SimKnobs withJobDelay(long ms) {
        return new SimKnobs(latencyMs, ms, seed, faults);
    }

    public SimKnobs withFaults(SimFault... f) {
        return new SimKnobs(latencyMs, jobDelayMs, seed, List.of(f));
    }
}
