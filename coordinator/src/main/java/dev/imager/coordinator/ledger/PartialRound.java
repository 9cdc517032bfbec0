package dev.imager.coordinator.ledger;

import dev.imager.protocol.message.RequestStats;

/**
 * A round still running, as far as its results have come in: for load calculators that act on what the
 * rest of the round cannot change.
 *
 * @param round round number
 * @param rate planned rate
 * @param planned the round's whole plan
 * @param stats what the workers reported so far
 * @param lost requests already counted lost
 */
public record PartialRound(long round, double rate, long planned, RequestStats stats, long lost) {
}
