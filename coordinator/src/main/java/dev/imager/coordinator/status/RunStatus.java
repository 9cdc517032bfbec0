package dev.imager.coordinator.status;

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
 * @param plannedRate rate of the round planned last (rps)
 * @param achievedRate requests sent per second in the round completed last
 * @param p50Ms corrected latency p50 of the round completed last
 * @param p99Ms corrected latency p99 of the round completed last
 * @param planned requests planned in completed rounds
 * @param sent requests sent in completed rounds
 * @param ok ok responses
 * @param failed failed requests (4xx, 5xx, timeouts, connection and other errors)
 * @param dropped requests never sent
 * @param lost requests never acknowledged or never reported
 * @param workers workers by status ({@code live}, {@code draining}, {@code missing}, {@code gone})
 * @param capacityRps highest sustainable rate found so far by an adaptive search, or null
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
        Double capacityRps) {

    public RunStatus {
        workers = Map.copyOf(workers);
    }

    /** Live workers. */
    public int liveWorkers() {
        return workers.getOrDefault("live", 0);
    }
}
