package dev.imager.coordinator.run;

import dev.imager.coordinator.ledger.CompletedRound;
import dev.imager.coordinator.ledger.RunCounts;
import dev.imager.coordinator.registry.WorkerLiveness;
import dev.imager.coordinator.status.RunStatus;
import dev.imager.protocol.latency.LatencySnapshot;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Keeps the current {@link RunStatus}: updated by the control thread, read by any thread (status endpoint,
 * progress). Each update publishes a new immutable snapshot through a volatile field.
 */
final class RunStatusTracker {

    private final double intervalSeconds;
    private volatile RunStatus current;
    private long startNanos;

    /** @param plannedUnit what the planned rate counts ({@code LoadModel#rateUnit}) */
    RunStatusTracker(String runId, String coordinatorId, Duration interval, String plannedUnit) {
        this.intervalSeconds = interval.toNanos() / 1e9;
        Map<WorkerLiveness, Integer> none = new EnumMap<>(WorkerLiveness.class);
        for (WorkerLiveness s : WorkerLiveness.values()) {
            none.put(s, 0);
        }
        current = new RunStatus(runId, coordinatorId, "waiting-for-workers", 0, -1, "", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                byLabel(none), null, "", plannedUnit);
    }

    /** The status now: the only place the elapsed time is set (stored snapshots keep 0). */
    RunStatus current() {
        RunStatus s = current; // the volatile read first: it makes startNanos visible to any thread
        double elapsed = startNanos == 0 ? 0 : Math.max(0, (System.nanoTime() - startNanos) / 1e9);
        return s.withElapsedSeconds(elapsed);
    }

    void started(long runStartNanos) {
        startNanos = runStartNanos;
        current = current.withState("running");
    }

    void planned(long round, double rate, String phase, String stage) {
        current = current.withPlannedRound(round, phase, rate, stage);
    }

    void completed(CompletedRound round, RunCounts run, OptionalDouble capacity) {
        RunStatus s = current;
        LatencySnapshot latency = round.stats().latency();
        boolean measured = latency.count() > 0;
        current = s.withCompletedRound(round.stats().outcomes().sent() / intervalSeconds,
                measured ? latency.valueAtPercentileMicros(50) / 1e3 : s.p50Ms(),
                measured ? latency.valueAtPercentileMicros(99) / 1e3 : s.p99Ms(),
                run.planned(), run.sent(), run.outcomes().ok(), run.outcomes().failed(), run.outcomes().dropped(),
                run.lost(), capacity.isPresent() ? capacity.getAsDouble() : null);
    }

    void workers(Map<WorkerLiveness, Integer> byLiveness) {
        current = current.withWorkers(byLabel(byLiveness));
    }

    void draining() {
        current = current.withState("draining");
    }

    void finished() {
        current = current.withState("finished");
    }

    private static Map<String, Integer> byLabel(Map<WorkerLiveness, Integer> byLiveness) {
        Map<String, Integer> workers = new LinkedHashMap<>();
        byLiveness.forEach((k, v) -> workers.put(k.label(), v));
        return workers;
    }
}
