package dev.imager.coordinator.load.adaptive;

import dev.imager.coordinator.load.RoundObservation;
import java.util.OptionalDouble;

/**
 * Where a saturated target's capacity probably is, read from one overloaded round that started from a rested
 * target: a guess that lets the search probe next to the answer instead of bisecting the gap a doubling ramp
 * leaves.
 *
 * <p>A server that takes requests first-come first-served at its capacity {@code c} falls behind by
 * {@code r/c − 1} seconds of work per second when offered {@code r}. Over a round of {@code T} seconds the
 * latency climbs linearly from the healthy level {@code L0} to {@code L0 + (r/c − 1)·T}, so the round's median
 * sits at {@code L0 + (r/c − 1)·T/2}: {@code c ≈ r / (1 + 2·(p50 − L0)/T)}. The median, not the maximum, so that
 * one stalled request does not move the guess. The guess is only a place to look: the search probes it like
 * any other rate. A round whose median did not move (a target failing fast with errors, or a short pause that
 * slowed only a few requests) says nothing, and the search bisects.
 */
final class CapacityEstimate {

    /**
     * The median must have moved between this share and {@code 1 −} this share of the way from the healthy
     * level to the p99 (a climbing queue puts it half-way): a median that stayed put is a blip, one as high as
     * the p99 is a flat wall of slow responses (timeouts, a stalled target), and neither is a queue.
     */
    static final double QUEUE_SHAPE = 0.2;

    /** An estimate at most this share of the rate is an overload no pause explains (25 % and more above capacity). */
    static final double SEVERE = 0.8;

    private CapacityEstimate() {
    }

    /**
     * The estimate from an overloaded round, or empty when the round does not show a queue.
     *
     * @param healthyP50Micros the corrected p50 of a healthy round before it (0 when unknown)
     */
    static OptionalDouble fromOverload(RoundObservation o, long healthyP50Micros) {
        if (o.rate() <= 0 || o.planned() <= 0 || o.latency().isEmpty()) {
            return OptionalDouble.empty();
        }
        double roundSeconds = o.planned() / o.rate();
        long p50 = o.latency().valueAtPercentileMicros(50);
        long climb = p50 - healthyP50Micros;
        long spread = o.p99Micros() - healthyP50Micros;
        if (climb <= 0 || climb < QUEUE_SHAPE * spread || climb > (1 - QUEUE_SHAPE) * spread) {
            return OptionalDouble.empty();
        }
        double estimate = o.rate() / (1 + 2 * climb / 1e6 / roundSeconds);
        return estimate < o.rate() * 0.995 ? OptionalDouble.of(estimate) : OptionalDouble.empty();
    }
}
