package dev.imager.coordinator.load;

import java.util.Objects;

/**
 * One judged round of the adaptive search, kept for the report and logged.
 *
 * @param round the round that was judged
 * @param rate the rate (rps) that round was planned at
 * @param p99Micros coordinated-omission corrected p99 latency of the round, microseconds
 * @param errorRatio failed / sent requests of the round (0 when nothing was sent)
 * @param timeoutRatio (timeouts + 503 + 504) / sent requests of the round (0 when nothing was sent)
 * @param verdict what the round meant for the search
 * @param reason why, in words, e.g. {@code p99 350 ms > limit 200 ms}
 * @param phase the search phase the round was judged in: ramp, recovery, search or steady
 */
public record AdaptiveProbe(
        long round,
        double rate,
        long p99Micros,
        double errorRatio,
        double timeoutRatio,
        Verdict verdict,
        String reason,
        String phase) {

    public AdaptiveProbe {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(phase, "phase");
    }

    /** What a judged round meant for the search. */
    public enum Verdict {
        /** The target sustained the rate. */
        PASS,
        /** The target did not sustain the rate (latency, timeouts or errors over the limit). */
        FAIL,
        /** The load generator, not the target, limited the round; the rate is tried again. */
        INCONCLUSIVE,
        /** The generator limited the rate repeatedly: it is taken as the generator's ceiling. */
        GENERATOR_LIMITED,
        /** A recovery round at the recovery rate was healthy; the search continues. */
        RECOVERY_PASS,
        /** A recovery round was still unhealthy; recovery continues. */
        RECOVERY_FAIL
    }
}
