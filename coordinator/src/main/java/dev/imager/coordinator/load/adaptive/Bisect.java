package dev.imager.coordinator.load.adaptive;

import dev.imager.coordinator.load.AdaptiveProbe.Verdict;
import dev.imager.coordinator.load.RoundObservation;

/**
 * Search: one probe between the highest passing rate and the lowest failing one, placed by
 * {@link SearchRange#nextProbe()}. A pass moves straight to the next probe (or to steady when the bracket has
 * converged); a failure guesses the capacity from the probe's first round and recovers first. A re-probe is
 * the same phase started from steady, one step above the held rate: its pass lifts the bracket's top.
 */
final class Bisect implements SearchPhase {

    private final boolean reprobe;

    /** @param reprobe true when steady probes above the rate it holds */
    Bisect(boolean reprobe) {
        this.reprobe = reprobe;
    }

    @Override
    public String label() {
        return "search";
    }

    @Override
    public void judged(Search search, RoundObservation o, boolean passed, String reason, boolean complete) {
        String why = reprobe ? "re-probe above the held rate: " + reason : reason;
        Trial.Step step = search.trial().add(passed, o, complete, why);
        double rate = search.rate();
        switch (step.state()) {
            case OPEN -> search.record(o, Verdict.INCONCLUSIVE, step.reason());
            case PASSED -> {
                search.record(o, Verdict.PASS, step.reason());
                search.healthy(o);
                search.range().passed(rate);
                if (reprobe && rate >= search.range().lowestFail()) {
                    search.range().failureOutgrown();
                }
                if (reprobe) {
                    search.reprobePassed();
                }
                search.searchOrSettle();
            }
            case FAILED -> {
                search.record(o, Verdict.FAIL, step.reason());
                search.estimateFromFirstRound();
                search.range().failed(rate);
                if (reprobe) {
                    search.reprobeFailed();
                }
                search.recover();
            }
            default -> throw new IllegalStateException("unhandled trial state " + step.state());
        }
    }
}
