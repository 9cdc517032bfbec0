package dev.imager.coordinator.load.adaptive;

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
        Trial.Step step = search.trialRound(o, passed, why, complete);
        switch (step.state()) {
            case OPEN -> { }
            case PASSED -> {
                search.ratePassed(o, step.reason());
                if (reprobe) {
                    if (search.rate() >= search.range().lowestFail()) {
                        search.range().failureOutgrown();
                    }
                    search.reprobePassed();
                }
                search.searchOrSettle();
            }
            case FAILED -> {
                search.rateFailed(o, step.reason());
                if (reprobe) {
                    search.reprobeFailed();
                }
                search.recover();
            }
            default -> throw new IllegalStateException("unhandled trial state " + step.state());
        }
    }
}
