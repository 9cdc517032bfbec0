package dev.imager.coordinator.ledger;

import dev.imager.protocol.message.RequestStats;
import java.util.Objects;

/**
 * Everything known about one completed round. Every planned request is in exactly one bucket:
 * {@code planned == stats.outcomes().total() + lost}. A round that could not be sent at all (no live worker, no
 * target) has {@code notSentReason} set and all its requests counted as dropped.
 *
 * @param round round number
 * @param rate planned rate (rps)
 * @param startEpochNanos planned start of the round
 * @param planned requests planned
 * @param jobs jobs the round was split into
 * @param stats what the workers reported for the round's requests, merged
 * @param lost requests whose job was never acknowledged or never reported
 * @param notSentReason why nothing was sent, or null
 * @param warmup true for a warm-up round: shown, but not part of the run's totals or judged
 */
public record CompletedRound(
        long round,
        double rate,
        long startEpochNanos,
        long planned,
        int jobs,
        RequestStats stats,
        long lost,
        String notSentReason,
        boolean warmup) {

    public CompletedRound {
        Objects.requireNonNull(stats, "stats");
        if (planned != stats.outcomes().total() + lost) {
            throw new IllegalStateException("round " + round + " does not add up: planned " + planned + " != "
                    + stats.outcomes().total() + " accounted + " + lost + " lost");
        }
    }

    public boolean notSent() {
        return notSentReason != null;
    }
}
