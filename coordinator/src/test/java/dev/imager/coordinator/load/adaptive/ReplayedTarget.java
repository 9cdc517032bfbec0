package dev.imager.coordinator.load.adaptive;

import dev.imager.coordinator.load.RoundObservation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A target that answers as a recorded run saw it: for each rate the recording probed, the verdicts of its rounds,
 * visit by visit (a visit is one decision at that rate). The k-th visit of the search under test to a rate gets
 * the recording's k-th visit (the last one again when the recording has no more), round by round, and the visit's
 * last verdict once its recorded rounds are used up (a rate that kept failing keeps failing). A rate the
 * recording never probed answers as the nearest recorded rate (the higher one on a tie); above the highest
 * recorded rate every round fails.
 *
 * <p>The recordings hold verdicts only, so the rounds' latencies are synthesized. At or below the measured
 * capacity: a pass is a healthy round (10 to 20 ms), a failure a wall of slow responses (a failure the noise
 * made). Above it, every round of a visit is the queue a first-come first-served server of that capacity builds
 * from rest, round after round, held under the limit when the recording says the round passed and lifted over it
 * (from 60 ms, by at least 60 ms) when it failed before the queue would have.
 */
final class ReplayedTarget {

    private final TreeMap<Double, List<String>> visits = new TreeMap<>();
    private final double capacity;
    private final Map<Double, Integer> visitCount = new HashMap<>();
    private double currentKey = Double.NaN;
    private String currentVisit = "";
    private int roundInVisit;

    /**
     * @param capacity the closed-loop maximum measured for the recorded target (wrk's), rps
     * @param visits rate -> its recorded visits, each a string of round verdicts, e.g. {@code "PFF"}
     */
    ReplayedTarget(double capacity, Map<Double, List<String>> visits) {
        this.capacity = capacity;
        this.visits.putAll(visits);
    }

    /** The next round at {@code rate}; {@code newVisit} when it starts a new decision. */
    RoundObservation round(long round, double rate, boolean newVisit) {
        double key = nearest(rate);
        if (newVisit || key != currentKey) {
            int k = visitCount.merge(key, 1, Integer::sum) - 1;
            List<String> recorded = visits.get(key);
            currentVisit = recorded == null ? "F" : recorded.get(Math.min(k, recorded.size() - 1));
            currentKey = key;
            roundInVisit = 0;
        }
        int k = roundInVisit++;
        char verdict = currentVisit.charAt(Math.min(k, currentVisit.length() - 1));
        if (rate <= capacity) {
            return verdict == 'P' ? ShapedRounds.climbing(round, rate, 10, 20) : ShapedRounds.climbing(round, rate, 300, 300);
        }
        // Above capacity a first-come first-served server falls behind by `climb` ms every round from the visit's
        // start; the recorded verdict says whether the round's p99 was still within the limit.
        double climb = (rate / capacity - 1) * 1000;
        double from = 10 + k * climb;
        if (verdict == 'P') {
            return ShapedRounds.climbing(round, rate, Math.min(from, 80), Math.min(from + climb, 95));
        }
        return from + climb > 110 ? ShapedRounds.climbing(round, rate, from, from + climb)
                : ShapedRounds.climbing(round, rate, 60, 60 + Math.max(60, climb));
    }

    private double nearest(double rate) {
        if (rate > visits.lastKey()) {
            return Double.POSITIVE_INFINITY;
        }
        Double below = visits.floorKey(rate);
        Double above = visits.ceilingKey(rate);
        if (below == null) {
            return above;
        }
        if (above == null) {
            return below;
        }
        return rate - below < above - rate ? below : above;
    }
}
