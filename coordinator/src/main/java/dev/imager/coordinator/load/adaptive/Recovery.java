package dev.imager.coordinator.load.adaptive;

import dev.imager.coordinator.load.AdaptiveProbe.Verdict;
import dev.imager.coordinator.load.RoundObservation;

/**
 * Recovery, after every failure: rounds at the recovery rate ({@link Search#recoveryRate}) until one is
 * healthy, so the next probe starts from a rested target. It ends on the first healthy round, or as soon as the
 * first half of a round's requests came back within the limit (the backlog is gone: {@link
 * RoundJudge#healthySoFar}). Two failing rounds in a row halve the recovery rate (down to 1 rps): the target may
 * have slowed below it.
 */
final class Recovery implements SearchPhase {

    private final double retry;
    private int failures;

    /** Recovery, then the next probe. */
    Recovery() {
        this(Double.NaN);
    }

    /** @param retry the rate to try again after recovery (a ramp rate that failed during a cold start) */
    Recovery(double retry) {
        this.retry = retry;
    }

    @Override
    public String label() {
        return "recovery";
    }

    @Override
    public boolean passesEarly() {
        return true;
    }

    @Override
    public void judged(Search search, RoundObservation o, boolean passed, String reason, boolean complete) {
        if (passed) {
            search.record(o, Verdict.RECOVERY_PASS, reason);
            if (complete) {
                search.healthy(o);
                search.range().passed(search.rate());
            }
            if (Double.isNaN(retry)) {
                search.searchOrSettle();
            } else {
                search.decide(new Ramp(), retry);
            }
            return;
        }
        search.record(o, Verdict.RECOVERY_FAIL, reason);
        failures++;
        double floor = Math.min(1, search.max());
        if (search.settings().recoveryShare() > 0 && failures >= 5 && search.rate() > floor) {
            search.decide(new Recovery(retry), Math.max(floor, search.range().resolution().floorToGrain(search.rate() / 2)));
        }
    }
}
