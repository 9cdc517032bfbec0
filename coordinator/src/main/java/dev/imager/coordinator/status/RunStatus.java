package dev.imager.coordinator.status;

import dev.imager.coordinator.registry.WorkerLiveness;
import java.util.Map;

/**
 * A run as it stands, for {@code nats req imager.status ''}, the progress line and embedders.
 *
 * @param runId the run
 * @param coordinatorId this coordinator
 * @param state {@code waiting-for-workers}, {@code running}, {@code draining} or {@code finished}
 * @param elapsedSeconds since the first round's start
 * @param round the round planned last
 * @param phase the load calculator's phase
 * @param plannedRate rate of the round planned last, in {@code plannedUnit}: requests/s, or in the closed model the
 *     users the round runs
 * @param achievedRate requests sent per second in the round completed last
 * @param p50Ms corrected latency p50 of the round completed last
 * @param p99Ms corrected latency p99 of the round completed last
 * @param planned requests planned in completed rounds
 * @param sent requests sent in completed rounds
 * @param ok ok responses
 * @param failed failed requests (4xx, 5xx, timeouts, connection and other errors)
 * @param dropped requests never sent
 * @param lost requests never acknowledged or never reported
 * @param workers workers by liveness ({@code live}, {@code draining}, {@code missing}, {@code gone})
 * @param capacityRps highest sustainable rate found so far by an adaptive search, or null; in {@code plannedUnit}
 * @param stage where a load shape ({@code --stages}, {@code --preset}) stands, e.g. {@code stage 2/3}; empty
 *     without one
 * @param plannedUnit what {@code plannedRate} and {@code capacityRps} count: {@code rps} (the open model) or
 *     {@code users} (the closed model, whose rounds plan users and whose achieved rate is their throughput)
 */
public record RunStatus(
        String runId,
        String coordinatorId,
        String state,
        double elapsedSeconds,
        long round,
        String phase,
        double plannedRate,
        double achievedRate,
        double p50Ms,
        double p99Ms,
        long planned,
        long sent,
        long ok,
        long failed,
        long dropped,
        long lost,
        Map<String, Integer> workers,
        Double capacityRps,
        String stage,
        String plannedUnit) {

    public RunStatus {
        workers = Map.copyOf(workers);
        stage = stage == null ? "" : stage;
        plannedUnit = plannedUnit == null ? "rps" : plannedUnit; // statuses of older coordinators: the open model
    }

    /** Live workers. */
    public int liveWorkers() {
        return workers.getOrDefault(WorkerLiveness.LIVE.label(), 0);
    }

    /** This status in another {@code state}. */
    public RunStatus withState(String newState) {
        return new RunStatus(runId, coordinatorId, newState, elapsedSeconds, round, phase, plannedRate, achievedRate,
                p50Ms, p99Ms, planned, sent, ok, failed, dropped, lost, workers, capacityRps, stage, plannedUnit);
    }

    /** This status {@code seconds} after the first round's start. */
    public RunStatus withElapsedSeconds(double seconds) {
        return new RunStatus(runId, coordinatorId, state, seconds, round, phase, plannedRate, achievedRate, p50Ms,
                p99Ms, planned, sent, ok, failed, dropped, lost, workers, capacityRps, stage, plannedUnit);
    }

    /** This status once round {@code newRound} is planned at {@code rate} in {@code newPhase} and {@code newStage}. */
    public RunStatus withPlannedRound(long newRound, String newPhase, double rate, String newStage) {
        return new RunStatus(runId, coordinatorId, state, elapsedSeconds, newRound, newPhase, rate, achievedRate,
                p50Ms, p99Ms, planned, sent, ok, failed, dropped, lost, workers, capacityRps, newStage, plannedUnit);
    }

    /**
     * This status once a round completed: its achieved rate and latency, the run's counts so far and the
     * capacity found so far (or null).
     */
    public RunStatus withCompletedRound(double achieved, double p50, double p99, long plannedTotal, long sentTotal,
            long okTotal, long failedTotal, long droppedTotal, long lostTotal, Double capacity) {
        return new RunStatus(runId, coordinatorId, state, elapsedSeconds, round, phase, plannedRate, achieved, p50,
                p99, plannedTotal, sentTotal, okTotal, failedTotal, droppedTotal, lostTotal, workers, capacity, stage, plannedUnit);
    }

    /** This status with {@code byLiveness}, workers by liveness label. */
    public RunStatus withWorkers(Map<String, Integer> byLiveness) {
        return new RunStatus(runId, coordinatorId, state, elapsedSeconds, round, phase, plannedRate, achievedRate,
                p50Ms, p99Ms, planned, sent, ok, failed, dropped, lost, byLiveness, capacityRps, stage, plannedUnit);
    }
}
