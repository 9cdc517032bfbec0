package dev.imager.coordinator.ledger;

import dev.imager.protocol.latency.LatencySnapshot;
import dev.imager.protocol.message.OutcomeCounts;
import java.util.Map;

/**
 * Everything known about one completed round. Every planned request is in exactly one bucket:
 * {@code planned == outcomes.total() + lost}. A round that could not be sent at all (no live worker, no
 * target) has {@code notSentReason} set and all its requests counted as dropped.
 *
 * @param round round number
 * @param rate planned rate (rps)
 * @param startEpochNanos planned start of the round
 * @param planned requests planned
 * @param jobs jobs the round was split into
 * @param outcomes how requests ended
 * @param lost requests whose job was never acknowledged or never reported
 * @param statusCodes responses by status code
 * @param bytesReceived response body bytes
 * @param latency corrected latency (planned instant → response), µs
 * @param serviceTime actual write → response, µs
 * @param sendLag planned instant → actual write, µs
 * @param notSentReason why nothing was sent, or null
 * @param warmup true for a warm-up round: shown, but not part of the run's totals or judged
 */
public record RoundTally(
        long round,
        double rate,
        long startEpochNanos,
        long planned,
        int jobs,
        OutcomeCounts outcomes,
        long lost,
        Map<Integer, Long> statusCodes,
        long bytesReceived,
        LatencySnapshot latency,
        LatencySnapshot serviceTime,
        LatencySnapshot sendLag,
        String notSentReason,
        boolean warmup) {

    public RoundTally {
        statusCodes = Map.copyOf(statusCodes);
        if (planned != outcomes.total() + lost) {
            throw new IllegalStateException("round " + round + " does not add up: planned " + planned + " != "
                    + outcomes.total() + " accounted + " + lost + " lost");
        }
    }

    public boolean notSent() {
        return notSentReason != null;
    }
}
