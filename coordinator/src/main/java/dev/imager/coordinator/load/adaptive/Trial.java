package dev.imager.coordinator.load.adaptive;

import dev.imager.coordinator.load.RoundObservation;
import java.util.Locale;
import java.util.Optional;

/**
 * The verdict on one rate from the rounds of one decision, with a notion of confidence: near the capacity
 * single rounds flip between pass and fail, so one round rarely settles it.
 *
 * <ul>
 *   <li><b>Fail</b> after {@code failuresNeeded} failing rounds (not necessarily in a row): one slow round (a
 *       pause, a cold connection) is not a capacity limit. A failure right after rounds whose latency was
 *       already climbing fails at once: that is the queue of an overloaded target, not a blip.</li>
 *   <li><b>Pass</b> after {@code passesNeeded} passing rounds, if the latency is not climbing. A rate just
 *       above the capacity passes its first rounds while its queue is still short; its median latency gives
 *       it away ({@link LatencyTrend}), so such a rate gets more rounds.</li>
 *   <li><b>Fail on the trend</b>: passing rounds whose median rises round after round, fast enough that the
 *       p99 would cross the limit within {@code horizon} more rounds, fail the rate: it is not sustainable,
 *       and waiting for the p99 to get there only deepens the backlog. Every judged round is still judged on
 *       its corrected p99; the trend is read from the same corrected latency.</li>
 *   <li>At most {@link #maxRounds()} rounds: then the last round decides (a slow climb that passes every round
 *       passes, with the rise in its reason).</li>
 * </ul>
 * With {@code failuresNeeded = passesNeeded = 1} and no horizon, each round decides (the original).
 */
final class Trial {

    enum State { OPEN, PASSED, FAILED }

    /** What the trial says after a round, and why. */
    record Step(State state, String reason) {
    }

    private final int failuresNeeded;
    private final int passesNeeded;
    private final int horizon;
    private final long limitMicros;
    private final LatencyTrend trend;
    private int passes;
    private int failures;
    /** The rise per round a running round showed ({@link #risingSoFar}), µs; 0 = none. */
    private long riseSoFarMicros;

    /**
     * @param limitMicros the p99 limit; 0 (timeout mode) turns the trend off
     * @param healthyP50Micros the p50 of the last healthy round before this decision, 0 when unknown
     */
    Trial(SearchSettings settings, long limitMicros, long healthyP50Micros) {
        this.failuresNeeded = settings.failuresNeeded();
        this.passesNeeded = settings.passesNeeded();
        this.horizon = limitMicros > 0 ? settings.trendHorizonRounds() : 0;
        this.limitMicros = limitMicros;
        this.trend = new LatencyTrend(healthyP50Micros, LatencyTrend.noiseFor(limitMicros / 1000));
    }

    /** True when exactly one round failed so far, and nothing is decided. */
    boolean failedOnce() {
        return failures == 1 && passes == 0;
    }

    /**
     * True when the rounds so far showed a queue, growing or standing: their latency is no healthy level to
     * measure later climbs from (a rate at exactly the capacity passes with a standing queue).
     */
    boolean sawQueue() {
        return horizon > 0 && (trend.queueInFirstRound() || trend.queueing());
    }

    /**
     * How fast the median rose a round in this trial: from its complete rounds ({@link LatencyTrend}), else what
     * a running round showed; 0 when it did not rise (or the trend is off).
     */
    long risePerRoundMicros() {
        if (horizon <= 0) {
            return 0;
        }
        long rise = trend.risePerRoundMicros();
        return rise > 0 ? rise : riseSoFarMicros;
    }

    /** Rounds after which the trial decides on the last one. */
    int maxRounds() {
        return horizon > 0 ? passesNeeded + failuresNeeded + 1 : passesNeeded + failuresNeeded - 1;
    }

    /**
     * A failure that the next round, still running, already shows: the first round's queue keeps growing in it,
     * fast enough to cross the limit within the horizon. Empty otherwise.
     */
    Optional<String> risingSoFar(RoundObservation partial) {
        if (horizon <= 0 || passes != 1 || failures != 0) {
            return Optional.empty();
        }
        long rise = trend.risePerRoundSoFarMicros(partial);
        if (rise <= 0 || trend.lastP99Micros() + rise * (horizon + 1) <= limitMicros) {
            return Optional.empty();
        }
        riseSoFarMicros = rise;
        return Optional.of("the first requests back are slower than the round before: median rising about "
                + RoundJudge.ms(rise) + " a round, above the limit within " + horizon + " rounds at this rate");
    }

    /**
     * One judged round of the decision.
     *
     * @param passed the round's own verdict ({@link RoundJudge})
     * @param complete false for a round judged early from partial results (its latency is not used)
     * @param reason the round's own reason, extended with what the trial makes of it
     */
    Step add(boolean passed, RoundObservation o, boolean complete, String reason) {
        boolean queueBefore = horizon > 0 && trend.queueing();
        if (complete && horizon > 0) {
            trend.add(o);
        } else if (horizon > 0) {
            // A round judged early: the rise its first requests show is kept for the capacity estimate.
            long rise = trend.risePerRoundSoFarMicros(o);
            riseSoFarMicros = rise > 0 ? rise : riseSoFarMicros;
        }
        int rounds = passes + failures + 1;
        if (!passed) {
            failures++;
            if (failures >= failuresNeeded) {
                return new Step(State.FAILED, reason);
            }
            if (queueBefore) {
                return new Step(State.FAILED, reason + "; the latency was already climbing: a queue, not a blip");
            }
            if (rounds >= maxRounds()) {
                return new Step(State.FAILED, reason + "; " + passes + " of " + rounds + " rounds passed");
            }
            return new Step(State.OPEN, reason + "; failed " + failures + " of " + failuresNeeded
                    + " rounds needed: judging the next round at the same rate");
        }
        passes++;
        if (horizon > 0 && trend.crossesWithin(limitMicros, horizon)) {
            return new Step(State.FAILED, reason + "; but " + trend.describeRise() + ": above the limit within "
                    + horizon + " rounds at this rate");
        }
        boolean climbing = horizon > 0 && trend.queueing();
        if (passes >= passesNeeded && !climbing) {
            return new Step(State.PASSED, reason);
        }
        if (rounds >= maxRounds()) {
            return new Step(State.PASSED, climbing ? reason + "; " + trend.describeRise() + ", slower than the limit "
                    + "allows" : reason);
        }
        String why = passes < passesNeeded
                ? String.format(Locale.ROOT, "passed %d of %d rounds needed", passes, passesNeeded)
                : "the median latency is climbing (a queue may be building)";
        return new Step(State.OPEN, reason + "; " + why + ": judging the next round at the same rate");
    }
}
