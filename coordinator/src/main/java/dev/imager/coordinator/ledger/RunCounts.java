package dev.imager.coordinator.ledger;

import dev.imager.protocol.message.OutcomeCounts;

/**
 * The run's request counts so far (completed rounds, warm-up excluded): {@link RunTotals} without the status
 * codes and histograms, cheap enough to read after every round. Every planned request is in exactly one
 * bucket, so {@code planned == outcomes.total() + lost}.
 *
 * @param outcomes how the requests ended
 * @param lost requests never acknowledged or never reported
 */
public record RunCounts(OutcomeCounts outcomes, long lost) {

    /** Requests planned in completed rounds. */
    public long planned() {
        return outcomes.total() + lost;
    }

    /** Requests that were sent (ok + failed). */
    public long sent() {
        return outcomes.sent();
    }
}
