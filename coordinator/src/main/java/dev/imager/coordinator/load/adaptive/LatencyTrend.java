package dev.imager.coordinator.load.adaptive;

import dev.imager.coordinator.load.RoundObservation;

/**
 * Whether a rate's queue is growing, read from the corrected latency of the rounds of one decision.
 *
 * <p>Offered more than its capacity {@code c}, a server falls behind by {@code r/c − 1} seconds of work every
 * second: each request waits a little longer than the one before. Within the first round at the rate (the
 * target rested before it) the latency climbs from the healthy level, so the round's median sits half a
 * round's growth above the healthy median; from one round to the next the whole distribution moves up by a
 * round's growth. Below capacity neither happens. The median is used because one slow request or a short
 * pause barely moves it.
 *
 * <p>Two signs: {@link #queueInFirstRound()} (the first round's median above the healthy median) and
 * {@link #risePerRoundMicros()} (medians rising round after round). Stationary queueing near capacity (e.g.
 * Poisson arrivals) lifts the first median but does not keep rising, so only a sustained rise counts as a
 * growing queue. One instance per decision; bounded state.
 */
final class LatencyTrend {

    private final long healthyP50Micros;
    private final long noiseMicros;
    private int rounds;
    private long firstP50;
    private long lastP50;
    private long lastP99;
    private boolean monotone = true;

    /**
     * @param healthyP50Micros the corrected p50 of a healthy round before this decision; 0 when unknown
     * @param noiseMicros rises up to this much are noise
     */
    LatencyTrend(long healthyP50Micros, long noiseMicros) {
        this.healthyP50Micros = healthyP50Micros;
        this.noiseMicros = noiseMicros;
    }

    /** Noise threshold for a p99 limit: 2 % of it, at least 1 ms. */
    static long noiseFor(long maxLatencyMs) {
        return Math.max(1_000, RoundObservation.saturatedMicros(maxLatencyMs) / 50);
    }

    /** A complete round of the decision. */
    void add(RoundObservation o) {
        long p50 = o.latency().valueAtPercentileMicros(50);
        if (rounds == 0) {
            firstP50 = p50;
        } else if (p50 - lastP50 <= noiseMicros) {
            monotone = false;
        }
        lastP50 = p50;
        lastP99 = o.p99Micros();
        rounds++;
    }

    int rounds() {
        return rounds;
    }

    /** The first round's median sits above the healthy median: a queue grew within it. */
    boolean queueInFirstRound() {
        return rounds >= 1 && healthyP50Micros > 0 && firstP50 - healthyP50Micros > noiseMicros;
    }

    /**
     * How much the median rose per round, when it rose by more than the noise from every round to the next
     * (at least two rounds) after a first round that already showed a queue (when the healthy median is
     * known); otherwise 0.
     */
    long risePerRoundMicros() {
        if (rounds < 2 || !monotone || (healthyP50Micros > 0 && !queueInFirstRound())) {
            return 0;
        }
        return (lastP50 - firstP50) / (rounds - 1);
    }

    /** The evidence so far says the queue grows: a queue in the only round so far, or a sustained rise. */
    boolean queueing() {
        return rounds == 1 ? queueInFirstRound() : risePerRoundMicros() > 0;
    }

    /** At the current rise, the p99 crosses {@code limitMicros} within {@code horizon} more rounds. */
    boolean crossesWithin(long limitMicros, int horizon) {
        long rise = risePerRoundMicros();
        return rise > 0 && lastP99 + rise * horizon > limitMicros;
    }

    /**
     * The rise per round that the first part of the second round already shows, when the first round showed a
     * queue: the partial round's median (of the requests back so far, the earliest of the round) compared with
     * the first round's, over the time between them. 0 when there is no such rise.
     */
    long risePerRoundSoFarMicros(RoundObservation partial) {
        long back = partial.outcomes().sent();
        if (rounds != 1 || !queueInFirstRound() || partial.planned() <= 0 || back * 10 < partial.planned() * 3) {
            return 0;
        }
        long rise = partial.latency().valueAtPercentileMicros(50) - firstP50;
        if (rise <= 2 * noiseMicros) {
            return 0;   // part of a round is a smaller sample than a round: twice the noise margin
        }
        double share = Math.min(1.0, (double) back / partial.planned());
        // The first round's median is its midpoint; the partial's is the midpoint of its first `share`.
        return (long) (rise / (0.5 + share / 2));
    }

    /** The p99 of the latest complete round. */
    long lastP99Micros() {
        return lastP99;
    }

    /** Why, in words, e.g. {@code median rising 38 ms a round}. */
    String describeRise() {
        return "median rising " + RoundJudge.ms(risePerRoundMicros()) + " a round";
    }
}
