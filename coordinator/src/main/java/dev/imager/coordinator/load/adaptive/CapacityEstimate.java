package dev.imager.coordinator.load.adaptive;

import dev.imager.coordinator.load.RoundObservation;
import dev.imager.protocol.latency.LatencySnapshot;
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
 * one stalled request does not move the guess; the p90 must sit on the same line (at {@code L0 + 0.9·(r/c − 1)·T}),
 * or the round is no climbing queue. The guess is only a place to look: the search probes it like any other
 * rate. A round whose median did not move (a target failing fast with errors, or a short pause that slowed only
 * a few requests), a wall of slow responses, or a round the generator sent mostly late says nothing.
 *
 * <p>A second reading needs no rested start: from one round to the next the whole distribution moves up by a
 * round's growth, {@code (r/c − 1)·T}, so a median rising {@code d} a round gives {@code c ≈ r / (1 + d/T)}
 * ({@link #fromRise}). It is what is left when the first round says nothing (the generator limited it, a pause
 * hit it, it was judged early), and it is read from the rise that failed the rate anyway. Only when neither
 * reading exists does the search bisect.
 *
 * <p>A third reading needs neither a rested start nor two rounds: inside one round of a steady overload the
 * latency climbs by the round's growth from its first request to its last, whatever backlog it started on (a
 * burst of late requests before it, a queue left by the rounds before), so the spread of one complete round's
 * service time says how fast the queue grows ({@link #fromSlope}).
 */
final class CapacityEstimate {

    /**
     * The climb read from the median and the one read from the p90 ({@code (p90 − L0)/0.9}) must agree within
     * this share: a linear climb puts both on one line, while a wall of slow responses (a stalled target, a burst
     * after the generator was late) lifts the median as much as the p90, and a blip lifts neither.
     */
    static final double SHAPE_TOLERANCE = 0.3;

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
        if (o.sendLag().valueAtPercentileMicros(50) > RoundObservation.SEND_LAG_LIMIT_MICROS) {
            return OptionalDouble.empty();   // the generator was late for most of it: that is in the corrected latency
        }
        double roundSeconds = o.planned() / o.rate();
        long fromMedian = 2 * (o.latency().valueAtPercentileMicros(50) - healthyP50Micros);
        double fromP90 = (o.latency().valueAtPercentileMicros(90) - healthyP50Micros) / 0.9;
        if (fromMedian <= 0 || Math.abs(fromP90 / fromMedian - 1) > SHAPE_TOLERANCE) {
            return OptionalDouble.empty();
        }
        double climb = fromMedian / 2.0;
        double estimate = o.rate() / (1 + 2 * climb / 1e6 / roundSeconds);
        return estimate < o.rate() * 0.995 ? OptionalDouble.of(estimate) : OptionalDouble.empty();
    }

    /**
     * The estimate from the climb inside one complete round at a failing rate, or empty when the round is no
     * steady climb. Latencies spread evenly from {@code W} to {@code W + d} put p10, p50 and p90 on a line,
     * {@code 0.4·d} apart; the round's growth {@code d = (p90 − p10)/0.8} then gives the capacity as {@link #fromRise}
     * does. Read from the service time (write to response: the target's alone), and only from a round the generator
     * paced evenly (send-lag p99 within {@link RoundObservation#SEND_LAG_LIMIT_MICROS}: a burst of late requests
     * is a climb of the generator's making) and that was mostly answered (timeouts cut the top off the climb).
     * The shape must be a line ({@link #SHAPE_TOLERANCE}: service times that merely vary are skewed, their upper
     * half much wider than their lower), read between p10 and p90 so that a few requests a stall held up (the p99)
     * do not hide it; and the median must sit at least half a climb above the healthy level: a queue, not a spread
     * of service times.
     *
     * @param healthyP50Micros the p50 of a healthy round before it (0 when unknown: not checked)
     */
    static OptionalDouble fromSlope(RoundObservation o, long healthyP50Micros) {
        LatencySnapshot service = o.serviceTime();
        if (o.rate() <= 0 || o.planned() <= 0 || service.count() < 0.9 * o.planned()
                || o.sendLag().valueAtPercentileMicros(99) > RoundObservation.SEND_LAG_LIMIT_MICROS) {
            return OptionalDouble.empty();
        }
        long p10 = service.valueAtPercentileMicros(10);
        long p50 = service.valueAtPercentileMicros(50);
        long p90 = service.valueAtPercentileMicros(90);
        double lower = p50 - p10;
        double upper = p90 - p50;
        if (lower <= 0 || upper <= 0 || Math.abs(upper / lower - 1) > SHAPE_TOLERANCE) {
            return OptionalDouble.empty();
        }
        double climb = (p90 - p10) / 0.8;
        if (healthyP50Micros > 0 && p50 - healthyP50Micros < climb / 2 * (1 - SHAPE_TOLERANCE)) {
            return OptionalDouble.empty();
        }
        return fromRise(o.rate(), Math.round(climb), o.planned() / o.rate() * 1e6);
    }

    /**
     * The estimate from a median rising {@code risePerRoundMicros} a round at {@code rate}, with rounds of
     * {@code roundMicros}; empty when there is no rise, or one so steep that the rate is over twice the capacity
     * (a stall, not a queue of requests served at a steady pace; the rise is then no measure of it).
     */
    static OptionalDouble fromRise(double rate, long risePerRoundMicros, double roundMicros) {
        if (rate <= 0 || risePerRoundMicros <= 0 || !(roundMicros > 0) || risePerRoundMicros > roundMicros) {
            return OptionalDouble.empty();
        }
        double estimate = rate / (1 + risePerRoundMicros / roundMicros);
        return estimate < rate * 0.995 ? OptionalDouble.of(estimate) : OptionalDouble.empty();
    }
}
