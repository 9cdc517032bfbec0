package dev.imager.coordinator.ledger;

import dev.imager.protocol.latency.LatencySnapshot;
import dev.imager.protocol.message.OutcomeCounts;
import java.util.Map;

/**
 * The whole run so far, summed from completed rounds: {@code planned == outcomes.total() + lost} holds
 * here exactly as it does for every round.
 *
 * @param rounds completed rounds
 * @param notSentRounds rounds that could not be sent at all
 * @param planned requests planned in completed rounds
 * @param outcomes how they ended
 * @param lost requests never acknowledged or never reported
 * @param statusCodes responses by status code
 * @param bytesReceived response body bytes
 * @param latency corrected latency over the run, µs
 * @param serviceTime service time over the run, µs
 * @param sendLag send lag over the run, µs
 */
public record RunTotals(
        long rounds,
        long notSentRounds,
        long planned,
        OutcomeCounts outcomes,
        long lost,
        Map<Integer, Long> statusCodes,
        long bytesReceived,
        LatencySnapshot latency,
        LatencySnapshot serviceTime,
        LatencySnapshot sendLag) {

    /** Requests that were sent (ok + failed). */
    public long sent() {
        return outcomes.sent();
    }

    /** failed / sent, 0 when nothing was sent. */
    public double errorRate() {
        return sent() == 0 ? 0 : (double) outcomes.failed() / sent();
    }
}
