package dev.imager.coordinator.ledger;

import dev.imager.protocol.message.RequestStats;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The whole run so far, summed from completed rounds (warm-up excluded): {@code planned == stats.outcomes().total()
 * + lost} holds here exactly as it does for every round.
 *
 * @param rounds completed rounds
 * @param notSentRounds rounds that could not be sent at all
 * @param stats what the workers reported over the run, merged
 * @param lost requests never acknowledged or never reported
 * @param droppedBy the dropped requests by why they were not sent (adds up to {@code stats.outcomes().dropped()}
 *     when known; empty when not kept, as in the live view)
 */
public record RunTotals(long rounds, long notSentRounds, RequestStats stats, long lost,
        Map<DropReason, Long> droppedBy) {

    public RunTotals {
        droppedBy = droppedBy.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(droppedBy));
    }

    /** Totals without the reasons of the drops. */
    public RunTotals(long rounds, long notSentRounds, RequestStats stats, long lost) {
        this(rounds, notSentRounds, stats, lost, Map.of());
    }

    /** Requests planned in completed rounds. */
    public long planned() {
        return stats.outcomes().total() + lost;
    }

    /** Requests that were sent (ok + failed). */
    public long sent() {
        return stats.outcomes().sent();
    }

    /** failed / sent, 0 when nothing was sent. */
    public double errorRate() {
        return sent() == 0 ? 0 : (double) stats.outcomes().failed() / sent();
    }
}
