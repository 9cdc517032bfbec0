package dev.imager.coordinator.load.adaptive;

import dev.imager.coordinator.load.RoundObservation;
import java.util.OptionalDouble;
import java.util.function.DoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guesses of the capacity a failed rate gives the {@link SearchRange} ({@link CapacityEstimate}'s three
 * readings), and the rounds they are read from. A guess often needs a round whose complete observation comes
 * after the rate failed (its first round was judged from partial results, or a round of it was still running):
 * this keeps what that guess needs, through the recovery after the failure, until the round is complete. Apart
 * from {@link Search} because this bookkeeping outlives the decision it comes from. Pure; one thread.
 */
final class CapacityGuesses {

    private static final Logger LOG = LoggerFactory.getLogger(AdaptiveExponentialCalculator.class);

    private final SearchSettings settings;
    private final SearchRange range;
    /** A rate with the unit the search counts in, for the log lines. */
    private final DoubleFunction<String> amount;

    /** The decision's first judged round, and whether it was judged from partial results. */
    private RoundObservation firstRound;
    private boolean firstRoundPartial;
    /** A failed decision whose first round was judged early: its complete observation gives the estimate. */
    private long pendingEstimateRound = Long.MIN_VALUE;
    private long pendingBaselineMicros;
    /** The rise-based guess of that decision, for when its first round's complete observation gives none. */
    private OptionalDouble pendingRiseEstimate = OptionalDouble.empty();
    /** Service-time medians (µs) of the current decision's complete rounds, judged or not, in round order. */
    private final ServiceTimeClimb climb = new ServiceTimeClimb();
    /** The current decision's latest complete round: its climb may place the capacity when the rate fails. */
    private RoundObservation latestComplete;
    /**
     * A failed rate none of whose rounds placed the capacity yet: a round of it still running may, once complete
     * (NaN when none). Kept through the recovery, dropped when the next probe is chosen.
     */
    private double slopePendingRate = Double.NaN;
    private long slopePendingFrom;
    private long slopePendingBaselineMicros;

    CapacityGuesses(SearchSettings settings, SearchRange range, DoubleFunction<String> amount) {
        this.settings = settings;
        this.range = range;
        this.amount = amount;
    }

    /** A new decision: its rounds start afresh; a failed rate's pending climb is kept only through a recovery. */
    void decided(boolean recovery) {
        firstRound = null;
        latestComplete = null;
        climb.clear();
        if (!recovery) {
            slopePendingRate = Double.NaN;
        }
    }

    /** Remembers the decision's first judged round (for the capacity estimate). */
    void firstRound(RoundObservation o, boolean partial) {
        if (firstRound == null) {
            firstRound = o;
            firstRoundPartial = partial;
        }
    }

    /**
     * The decision at {@code rate}, from round {@code decisionStart}, whose trial measured from
     * {@code baselineMicros}, failed: its first round may say where the capacity is.
     */
    void failed(RoundObservation o, double rate, long decisionStart, long baselineMicros, Trial trial) {
        OptionalDouble fromRise = riseEstimate(o, rate, trial);
        if (estimateFromFirstRound(decisionStart, baselineMicros)) {
            pendingRiseEstimate = fromRise;
            if (pendingEstimateRound != Long.MIN_VALUE) {
                // in case the first round, once complete, says nothing
                awaitSlope(rate, decisionStart, baselineMicros);
            }
        } else if (!estimateFromSlope(latestComplete, baselineMicros)
                && !(fromRise.isPresent() && guessFromRise(fromRise.getAsDouble()))) {
            awaitSlope(rate, decisionStart, baselineMicros);
        }
    }

    /**
     * The guess from the decision's first round (now, or once that round is complete).
     *
     * @return true when there is a guess, or one will come with the first round's complete observation
     */
    private boolean estimateFromFirstRound(long decisionStart, long baselineMicros) {
        if (!settings.estimateCapacity() || firstRound == null) {
            return false;
        }
        if (decisionStart != Long.MIN_VALUE && firstRound.round() != decisionStart) {
            return false;   // rounds before it went unjudged: it did not start from a rested target
        }
        if (firstRoundPartial) {
            pendingEstimateRound = firstRound.round();
            pendingBaselineMicros = baselineMicros;
            return true;
        }
        return estimate(firstRound, baselineMicros);
    }

    /**
     * The guess from the rise of the median from round to round that the trial measured
     * ({@link CapacityEstimate#fromRise}): for when the first round gives none (the generator limited it, a pause
     * hit it).
     */
    private OptionalDouble riseEstimate(RoundObservation failed, double rate, Trial trial) {
        if (!settings.estimateCapacity() || failed.rate() <= 0 || failed.planned() <= 0) {
            return OptionalDouble.empty();
        }
        long rise = trial.risePerRoundMicros();
        if (rise <= 0) {
            // Rounds the generator limited are not judged, but the target's queue shows in their service time.
            rise = climb.risePerRoundMicros();
        }
        return CapacityEstimate.fromRise(rate, rise, failed.planned() / failed.rate() * 1e6);
    }

    private boolean guessFromRise(double estimate) {
        if (range.guess(estimate)) {
            LOG.info("adaptive: the median's rise from round to round suggests a capacity near {}",
                    amount.apply(Math.round(estimate)));
            return true;
        }
        return false;
    }

    /** Nothing placed the failed rate yet: a round of it still running may, once complete. */
    private void awaitSlope(double rate, long decisionStart, long baselineMicros) {
        slopePendingRate = rate;
        slopePendingFrom = decisionStart;
        slopePendingBaselineMicros = baselineMicros;
    }

    /** The guess from the climb inside one complete round at the failing rate ({@link CapacityEstimate#fromSlope}). */
    private boolean estimateFromSlope(RoundObservation o, long baselineMicros) {
        if (!settings.estimateCapacity() || o == null) {
            return false;
        }
        OptionalDouble estimate = CapacityEstimate.fromSlope(o, baselineMicros);
        if (estimate.isPresent() && range.guess(estimate.getAsDouble())) {
            LOG.info("adaptive: the latency's climb through round {} at {} suggests a capacity near {}",
                    o.round(), amount.apply(o.rate()), amount.apply(Math.round(estimate.getAsDouble())));
            return true;
        }
        return false;
    }

    /**
     * The complete observation of a round of the decision at {@code rate}, from round {@code decisionStart}, or of
     * an earlier one.
     *
     * @return true when it is the decision's first round, judged before from partial results
     */
    boolean completed(RoundObservation o, double rate, long decisionStart) {
        if (o.round() >= decisionStart && Math.abs(o.rate() - rate) < 1e-9) {
            climb.add(o);
            latestComplete = o;
        }
        if (firstRound != null && firstRoundPartial && o.round() == firstRound.round()) {
            firstRound = o;
            firstRoundPartial = false;
            return true;
        }
        return false;
    }

    /** A complete observation may carry the guess a failed rate left pending. */
    void awaited(RoundObservation o) {
        if (o.round() == pendingEstimateRound) {
            pendingEstimateRound = Long.MIN_VALUE;
            if (estimate(o, pendingBaselineMicros) || estimateFromSlope(o, pendingBaselineMicros)
                    || (pendingRiseEstimate.isPresent() && guessFromRise(pendingRiseEstimate.getAsDouble()))) {
                slopePendingRate = Double.NaN;
            }
            pendingRiseEstimate = OptionalDouble.empty();
        } else if (pendingEstimateRound == Long.MIN_VALUE && o.round() >= slopePendingFrom
                && Math.abs(o.rate() - slopePendingRate) < 1e-9 && estimateFromSlope(o, slopePendingBaselineMicros)) {
            slopePendingRate = Double.NaN;
        }
    }

    private boolean estimate(RoundObservation overloaded, long baselineMicros) {
        OptionalDouble estimate = CapacityEstimate.fromOverload(overloaded, baselineMicros);
        if (estimate.isPresent() && range.guess(estimate.getAsDouble())) {
            LOG.info("adaptive: round {} at {} suggests a capacity near {}", overloaded.round(),
                    amount.apply(overloaded.rate()), amount.apply(Math.round(estimate.getAsDouble())));
            return true;
        }
        return false;
    }
}
