package dev.imager.coordinator.run;

import dev.imager.coordinator.ledger.RoundTally;
import dev.imager.coordinator.ledger.RunCounts;
import dev.imager.coordinator.registry.WorkerStatus;
import dev.imager.coordinator.status.RunStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Keeps the current {@link RunStatus}: updated by the control thread, read by any thread (status endpoint,
 * progress). Each update publishes a new immutable snapshot through a volatile field.
 */
final class RunStatusTracker {

    private final String runId;
    private final String coordinatorId;
    private final double intervalSeconds;
    private volatile RunStatus current;
    private long startNanos;

    RunStatusTracker(String runId, String coordinatorId, Duration interval) {
        this.runId = runId;
        this.coordinatorId = coordinatorId;
        this.intervalSeconds = interval.toNanos() / 1e9;
        Map<String, Integer> none = new LinkedHashMap<>();
        for (WorkerStatus s : WorkerStatus.values()) {
            none.put(s.name().toLowerCase(Locale.ROOT), 0);
        }
        current = new RunStatus(runId, coordinatorId, "waiting-for-workers", 0, -1, "", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                none, null);
    }

    RunStatus current() {
        RunStatus s = current;
        double elapsed = startNanos == 0 ? 0 : Math.max(0, (System.nanoTime() - startNanos) / 1e9);
        return copy(s, s.state(), elapsed);
    }

    void started(long runStartNanos) {
        startNanos = runStartNanos;
        update("running");
    }

    void planned(long round, double rate, String phase) {
        RunStatus s = current;
        current = new RunStatus(runId, coordinatorId, s.state(), s.elapsedSeconds(), round, phase, rate,
                s.achievedRate(), s.p50Ms(), s.p99Ms(), s.planned(), s.sent(), s.ok(), s.failed(), s.dropped(), s.lost(),
                s.workers(), s.capacityRps());
    }

    void completed(RoundTally t, RunCounts run, OptionalDouble capacity) {
        RunStatus s = current;
        boolean measured = t.latency().count() > 0;
        current = new RunStatus(runId, coordinatorId, s.state(), s.elapsedSeconds(), s.round(), s.phase(),
                s.plannedRate(), t.outcomes().sent() / intervalSeconds,
                measured ? t.latency().valueAtPercentileMicros(50) / 1e3 : s.p50Ms(),
                measured ? t.latency().valueAtPercentileMicros(99) / 1e3 : s.p99Ms(),
                run.planned(), run.sent(), run.outcomes().ok(), run.outcomes().failed(),
                run.outcomes().dropped(), run.lost(), s.workers(),
                capacity.isPresent() ? capacity.getAsDouble() : null);
    }

    void workers(Map<WorkerStatus, Integer> byStatus) {
        Map<String, Integer> workers = new LinkedHashMap<>();
        byStatus.forEach((k, v) -> workers.put(k.name().toLowerCase(Locale.ROOT), v));
        RunStatus s = current;
        current = new RunStatus(runId, coordinatorId, s.state(), s.elapsedSeconds(), s.round(), s.phase(),
                s.plannedRate(), s.achievedRate(), s.p50Ms(), s.p99Ms(), s.planned(), s.sent(), s.ok(), s.failed(),
                s.dropped(), s.lost(), workers, s.capacityRps());
    }

    void draining() {
        update("draining");
    }

    void finished() {
        update("finished");
    }

    private void update(String state) {
        current = copy(current, state, current.elapsedSeconds());
    }

    private static RunStatus copy(RunStatus s, String state, double elapsed) {
        return new RunStatus(s.runId(), s.coordinatorId(), state, elapsed, s.round(), s.phase(), s.plannedRate(),
                s.achievedRate(), s.p50Ms(), s.p99Ms(), s.planned(), s.sent(), s.ok(), s.failed(), s.dropped(),
                s.lost(), s.workers(), s.capacityRps());
    }
}
