package dev.imager.coordinator.load.adaptive;

import dev.imager.coordinator.load.AdaptiveProbe.Verdict;
import dev.imager.coordinator.load.RoundObservation;

/**
 * Steady: hold the capacity and keep judging every round.
 *
 * <ul>
 *   <li>The held rate is lowered when {@link SearchSettings#steadyFailures()} of the last
 *       {@link SearchSettings#steadyWindow()} rounds failed (3 of 5: a pause that spoils a round or two near
 *       the capacity is noise, a queue that keeps failing is not): the failed rate becomes the bracket's top,
 *       passes at or above it are forgotten, and recovery and search continue below it.</li>
 *   <li>After {@link Search#reprobeInterval()} passing rounds (the latest one passing) it probes one resolution step above the
 *       held rate (or the lowest failure, if nearer), so a target that got faster is followed up; each re-probe
 *       that fails doubles the interval. Only when the target bounds the capacity (not max, not the
 *       generator).</li>
 * </ul>
 */
final class Steady implements SearchPhase {

    private final boolean[] failedRounds;
    private int judged;
    private int passes;

    /** @param window rounds the lowering rule looks back on */
    Steady(int window) {
        this.failedRounds = new boolean[window];
    }

    @Override
    public String label() {
        return "steady";
    }

    @Override
    public void judged(Search search, RoundObservation o, boolean passed, String reason, boolean complete) {
        boolean[] window = failedRounds;
        window[judged % window.length] = !passed;
        judged++;
        if (passed) {
            search.record(o, Verdict.PASS, reason);
            passes++;
            maybeReprobe(search);
            return;
        }
        int failures = 0;
        for (int i = 0; i < Math.min(judged, window.length); i++) {
            failures += window[i] ? 1 : 0;
        }
        int needed = search.settings().steadyFailures();
        if (failures < needed) {
            search.record(o, Verdict.INCONCLUSIVE, reason + "; " + failures + " of the last " + window.length
                    + " rounds failed, the held rate is lowered at " + needed);
            return;
        }
        search.record(o, Verdict.FAIL, reason + "; lowering the held rate");
        search.range().failed(search.rate());
        search.range().lookBelow(search.rate());
        search.recover();
    }

    private void maybeReprobe(Search search) {
        int interval = search.reprobeInterval();
        SearchRange range = search.range();
        double held = search.rate();
        if (interval <= 0 || passes < interval || held >= search.max()) {
            return;
        }
        double above = range.reprobeAbove(held);
        if (above > held && above < range.generatorCeiling()) {
            search.decide(new Bisect(true), above);
        }
    }
}
