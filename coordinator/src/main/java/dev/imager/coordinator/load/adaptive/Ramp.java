package dev.imager.coordinator.load.adaptive;

import dev.imager.coordinator.load.AdaptiveProbe.Verdict;
import dev.imager.coordinator.load.RoundObservation;

/**
 * Ramp: start at min and double after every passing rate (0 is followed by 1, or by min when min &gt; 1),
 * capped at max. A pass at max ends the search: steady at max, "capacity &ge; max". A failure guesses the
 * capacity from the first overloaded round ({@link CapacityEstimate}) and moves to recovery. A failure in the run's
 * first rounds ({@link SearchSettings#coldStartRounds()}) is tried again once after recovery: the first seconds of
 * a run are slow (cold connections, JIT compilation in the workers and the target).
 */
final class Ramp implements SearchPhase {

    @Override
    public String label() {
        return "ramp";
    }

    @Override
    public void judged(Search search, RoundObservation o, boolean passed, String reason, boolean complete) {
        Trial.Step step = search.trialRound(o, passed, reason, complete);
        double rate = search.rate();
        switch (step.state()) {
            case OPEN -> { }
            case PASSED -> {
                search.ratePassed(o, step.reason());
                if (rate >= search.max()) {
                    search.decide(new Steady(search.settings().steadyWindow()), search.max());
                } else {
                    search.decide(this, next(rate, search.min(), search.max()));
                }
            }
            case FAILED -> {
                if (search.coldStart()) {
                    search.record(o, Verdict.INCONCLUSIVE, step.reason() + "; in the run's first "
                            + search.settings().coldStartRounds() + " rounds, where a cold start is no capacity limit: "
                            + "trying " + search.amount(rate) + " again after recovery", true);
                    search.retryAfterRecovery();
                } else {
                    search.rateFailed(o, step.reason());
                    search.recover();
                }
            }
            default -> throw new IllegalStateException("unhandled trial state " + step.state());
        }
    }

    static double next(double previous, double min, double max) {
        if (previous <= 0) {
            return max <= 0 ? 0 : Math.max(min, 1);
        }
        return Math.min(max, Math.max(previous * 2, min));
    }
}
