package dev.imager.coordinator.ledger;

import dev.imager.protocol.latency.LatencySnapshot;
import dev.imager.protocol.message.OutcomeCounts;
import java.util.Map;

/**
 * A round still running, as far as its results have come in: for load calculators that act on what the
 * rest of the round cannot change.
 *
 * @param round round number
 * @param rate planned rate
 * @param planned the round's whole plan
 * @param outcomes outcomes reported so far
 * @param lost requests already counted lost
 * @param statusCodes responses so far by status
 * @param latency corrected latency of the responses so far, µs
 * @param sendLag send lag so far, µs
 */
public record PartialRound(long round, double rate, long planned, OutcomeCounts outcomes, long lost,
        Map<Integer, Long> statusCodes, LatencySnapshot latency, LatencySnapshot sendLag) {
}
