package dev.imager.coordinator.report;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What the live progress line shows, sampled once per second by the run loop.
 *
 * @param elapsedSeconds seconds since the run started
 * @param phase the run's phase (e.g. {@code warmup}, {@code ramp}, {@code bisect}, {@code steady})
 * @param plannedRps the rate planned for the current round, requests/s
 * @param achievedRps requests sent per second over the last completed round
 * @param p50Ms corrected median latency of the last completed round, ms; NaN when it had no responses
 * @param p99Ms corrected p99 latency of the last completed round, ms; NaN when it had no responses
 * @param errors failed requests so far
 * @param dropped dropped requests so far
 * @param lost lost requests so far
 * @param liveWorkers workers currently live
 * @param capacity the adaptive search's current capacity estimate, requests/s, when it has one
 * @param stage where a load shape stands ({@code stage 2/3}), empty without one
 * @param plannedUnit what {@code plannedRps} and {@code capacity} count: {@code rps} (the open model) or {@code users}
 *     (the closed model, where a round plans a number of users and the achieved rate is their throughput)
 */
public record ProgressSnapshot(double elapsedSeconds, String phase, double plannedRps, double achievedRps,
        double p50Ms, double p99Ms, long errors, long dropped, long lost, int liveWorkers, OptionalDouble capacity,
        String stage, String plannedUnit) {

    public ProgressSnapshot {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(capacity, "capacity");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(plannedUnit, "plannedUnit");
    }
}
