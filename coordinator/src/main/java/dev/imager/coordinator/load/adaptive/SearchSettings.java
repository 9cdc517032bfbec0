package dev.imager.coordinator.load.adaptive;

/**
 * How the capacity search decides: its resolution, how many rounds a verdict takes, how it recovers and
 * when it looks upward again. {@link #DEFAULT} is imager's search; {@link #ORIGINAL} keeps the original
 * imager's steps (one round per verdict, 10-rps bisection, recovery at 1 rps, a held rate never re-probed),
 * with the defect fixes that are not a matter of steps (observation matching, generator limits, fast
 * failures, steady re-validation).
 *
 * @param resolution when the bracket is narrow enough, and the grid of probes
 * @param failuresNeeded failing rounds (not necessarily in a row) that fail a rate, unless the latency was
 *     already rising before the failure (a queue, not a blip)
 * @param passesNeeded passing rounds that pass a rate, provided the latency is not rising
 * @param trendHorizonRounds a rate whose latency rises steadily fails when its p99 would cross the limit
 *     within this many more rounds at that pace; 0 = judge each round on its own (the original)
 * @param estimateCapacity place probes near the capacity an overloaded round suggests ({@link CapacityEstimate})
 * @param recoveryShare recovery runs at this share of the highest passing rate; 0 = at 1 rps (the original)
 * @param steadyWindow the held rate is lowered when {@code steadyFailures} of the last {@code steadyWindow}
 *     steady rounds failed
 * @param steadyFailures see {@code steadyWindow}
 * @param reprobeAfterRounds passing steady rounds before a probe above the held rate; doubled after every
 *     re-probe that fails, up to 8 times this; 0 = never (the original)
 * @param coldStartRounds a ramp failure whose decision started within the run's first this many rounds is
 *     tried again once, after recovery, before it counts (cold connections and JIT compilation make the first
 *     seconds of a run slow); 0 = never (the original)
 * @param probeHistory probes kept for the report; older ones are counted and dropped
 */
record SearchSettings(
        Resolution resolution,
        int failuresNeeded,
        int passesNeeded,
        int trendHorizonRounds,
        boolean estimateCapacity,
        double recoveryShare,
        int steadyWindow,
        int steadyFailures,
        int reprobeAfterRounds,
        int coldStartRounds,
        int probeHistory) {

    /** Probes kept for the report. */
    static final int DEFAULT_PROBE_HISTORY = 10_000;

    static final SearchSettings DEFAULT = new SearchSettings(Resolution.DEFAULT, 2, 1, 20, true, 0.25, 5, 3, 60, 3,
            DEFAULT_PROBE_HISTORY);

    static final SearchSettings ORIGINAL = new SearchSettings(Resolution.ORIGINAL, 1, 1, 0, false, 0, 1, 1, 0, 0,
            DEFAULT_PROBE_HISTORY);

    SearchSettings {
        if (resolution == null || failuresNeeded < 1 || passesNeeded < 1 || trendHorizonRounds < 0
                || !(recoveryShare >= 0 && recoveryShare < 1) || steadyWindow < 1 || steadyFailures < 1
                || steadyFailures > steadyWindow || reprobeAfterRounds < 0 || coldStartRounds < 0 || probeHistory < 1) {
            throw new IllegalArgumentException("invalid search settings: resolution " + resolution + ", failures "
                    + failuresNeeded + ", passes " + passesNeeded + ", trend horizon " + trendHorizonRounds
                    + ", recovery share " + recoveryShare + ", steady " + steadyFailures + " of " + steadyWindow
                    + ", re-probe after " + reprobeAfterRounds + ", cold start " + coldStartRounds + ", history "
                + probeHistory);
        }
    }

    SearchSettings withProbeHistory(int probes) {
        return new SearchSettings(resolution, failuresNeeded, passesNeeded, trendHorizonRounds, estimateCapacity,
                recoveryShare, steadyWindow, steadyFailures, reprobeAfterRounds, coldStartRounds, probes);
    }
}
