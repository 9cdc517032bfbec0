package dev.imager.coordinator.load.adaptive;

import dev.imager.coordinator.load.RoundObservation;
import java.util.OptionalDouble;

/**
 * Where a saturated target's capacity probably is, read from one overloaded round: a guess that lets the
 * search start near the answer instead of bisecting the whole gap a doubling ramp leaves.
 *
 * <p>A server that takes requests first-come first-served at its capacity {@code c} falls behind at
 * {@code r - c} requests a second when offered {@code r}; over a round of {@code T} seconds the last request
 * waits {@code (r/c - 1) T} on top of its healthy latency. So, from the round's worst latency {@code L} and the
 * healthy latency {@code L0} (p50 of the last passing round): {@code c ≈ r T / (T + L - L0)}. The guess is only
 * a place to look: the search probes it like any other rate. A target that fails fast (errors, no queueing)
 * gives no useful guess ({@code c ≈ r}), and the search simply bisects.
 */
final class CapacityEstimate {

    /** The search looks below {@code estimate × margin} first (10 % above the guess, for its error). */
    static final double CEILING_MARGIN = 1.1;

    private CapacityEstimate() {
    }

    /** The estimate from an overloaded round, or empty when the round says nothing about saturation. */
    static OptionalDouble fromOverload(RoundObservation o, long healthyP50Micros) {
        if (o.rate() <= 0 || o.planned() <= 0 || o.latency().isEmpty()) {
            return OptionalDouble.empty();
        }
        double roundSeconds = o.planned() / o.rate();
        double excessSeconds = Math.max(0, o.latency().maxMicros() - healthyP50Micros) / 1e6;
        double estimate = o.rate() * roundSeconds / (roundSeconds + excessSeconds);
        return estimate > 0 && estimate < o.rate() * 0.95 ? OptionalDouble.of(estimate) : OptionalDouble.empty();
    }
}
