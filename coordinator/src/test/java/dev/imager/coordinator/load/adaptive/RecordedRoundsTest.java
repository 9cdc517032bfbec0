package dev.imager.coordinator.load.adaptive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.load.AdaptiveProbe;
import dev.imager.coordinator.load.AdaptiveProbe.Verdict;
import dev.imager.coordinator.load.RoundObservation;
import dev.imager.coordinator.load.adaptive.Trial.State;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The search on rounds recorded in a real run on the development machine, before this search existed: sumservice
 * with 10 slots of 10 ms (1,000 rps; wrk's closed-loop maximum on the warm target 994 rps), {@code ./imager run
 * -load-calculator adaptive-exponential -min-rps 20 -max-rps 5000 -adaptive-max-latency-ms 100}. Each row is the
 * report's round: rate, planned, p50 / p90 / p99 / max of the corrected latency (ms), send-lag p99 and
 * service-time p99 (ms). The search then passed 1,040 rps twice and settled at 990 after 5 failures.
 */
class RecordedRoundsTest {

    /** round, rate, p50, p90, p99, max, send-lag p99, service-time p99 */
    private static final double[][] RUN = {
        {0, 20, 233.215, 633.855, 695.295, 695.295, 646.655, 64.479},   // start-up: the generator 650 ms late
        {1, 20, 15.343, 19.407, 29.535, 29.535, 4.787, 29.055},
        {3, 40, 12.399, 15.079, 17.295, 17.295, 3.351, 16.735},
        {5, 80, 12.183, 15.831, 25.711, 25.711, 11.559, 21.167},         // generator 11.6 ms late
        {6, 80, 12.055, 15.375, 26.607, 26.607, 5.159, 24.911},
        {8, 160, 11.543, 38.367, 125.183, 133.503, 113.023, 100.351},   // a blip: p99 125 ms, median unmoved
        {9, 160, 11.271, 13.743, 22.479, 23.343, 6.923, 18.735},
        {11, 320, 10.919, 13.591, 35.551, 39.647, 16.367, 25.919},      // generator 16 ms late
        {12, 320, 10.839, 12.687, 14.831, 15.871, 1.977, 14.503},
        {14, 640, 10.511, 12.087, 15.359, 20.239, 3.069, 13.887},
        {16, 1280, 152.319, 265.471, 290.303, 293.375, 21.887, 289.279}, // overloaded: a queue climbs
        {17, 1280, 418.047, 528.383, 555.007, 561.663, 10.255, 553.471},
        {25, 980, 10.479, 11.991, 13.599, 16.719, 1.411, 13.439},
        {26, 1040, 30.911, 47.231, 50.719, 53.023, 3.051, 50.591},       // 4 % above capacity
        {27, 1040, 73.471, 90.943, 95.423, 98.175, 3.593, 93.951},
        {28, 1040, 114.303, 129.343, 132.863, 139.007, 3.875, 132.863},
        {49, 990, 10.503, 12.023, 13.855, 15.239, 1.146, 13.655},
        {50, 1000, 11.279, 12.079, 12.663, 14.263, 0.862, 12.583},       // exactly the capacity
        {51, 1000, 11.959, 26.383, 34.079, 41.343, 9.623, 32.543},
        {52, 1000, 27.327, 92.287, 128.255, 156.287, 68.095, 101.887},
        {53, 1000, 94.655, 222.975, 277.247, 295.423, 76.287, 266.751},
        {54, 1000, 174.335, 178.431, 180.735, 196.479, 6.135, 178.431},
    };

    /** The recorded round {@code recorded}, renumbered {@code round} (the new search plans other rounds). */
    private static RoundObservation recorded(int recorded, long round) {
        for (double[] r : RUN) {
            if (r[0] == recorded) {
                return ShapedRounds.recorded(round, r[1], (long) r[1], Math.min(10, r[2]), r[2], r[3], r[4], r[5], r[6],
                        r[7]);
            }
        }
        throw new IllegalArgumentException("no recorded round " + recorded);
    }

    @Test
    void theRecordedRampWithItsBlipsAndItsOverload() {
        // Each rate the new search plans gets the recorded rounds at that rate, in order.
        Map<Double, Deque<Integer>> byRate = new HashMap<>();
        for (int r : new int[] {0, 1, 3, 5, 6, 8, 9, 11, 12, 14, 16, 17}) {
            byRate.computeIfAbsent(RUN[index(r)][1], k -> new ArrayDeque<>()).add(r);
        }
        AdaptiveExponentialCalculator calc = new AdaptiveExponentialCalculator(20, 5_000, 100);
        long round = 0;
        while (calc.phase().equals("ramp") && round < 30) {
            double rate = calc.nextRate(round);
            calc.observe(recorded(byRate.get(rate).removeFirst(), round));
            round++;
        }
        assertThat(calc.probes()).extracting(p -> (long) p.rate() + " " + p.verdict()).containsExactly(
                "20 INCONCLUSIVE",   // the generator was late at start-up: not the target's doing
                "20 PASS", "40 PASS",
                "80 INCONCLUSIVE", "80 PASS",
                "160 INCONCLUSIVE",  // the blip: one failing round is not a capacity limit ...
                "160 PASS",          // ... the next passes and the ramp goes on
                "320 INCONCLUSIVE", "320 PASS", "640 PASS",
                "1280 INCONCLUSIVE", "1280 FAIL");
        assertThat(calc.phase()).isEqualTo("recovery");
        assertThat(calc.nextRate(round)).isEqualTo(160);   // a quarter of the highest pass
        // The first overloaded round says about 997 rps: after recovery the search probes 1 % below it.
        calc.observe(ShapedRounds.climbing(round, 160, 10, 12));
        assertThat(calc.nextRate(round + 1)).isEqualTo(987);
    }

    @Test
    void theRecordedRoundsAtFourPercentAboveCapacityFailOnTheirClimb() {
        // The search of the time passed 1,040 rps on rounds 26 and 27 (p99 51 and 95 ms), settled there and failed
        // it 10 rounds later. The median climbed 43 ms a round from the first round: the new search fails it on
        // round 27, before its p99 crossed the limit.
        Trial trial = new Trial(SearchSettings.DEFAULT, 100_000, 10_479);      // after 980 rps passed (round 25)
        assertThat(trial.add(true, recorded(26, 0), true, "r26").state()).isEqualTo(State.OPEN);
        Trial.Step step = trial.add(true, recorded(27, 1), true, "r27");
        assertThat(step.state()).isEqualTo(State.FAILED);
        assertThat(step.reason()).contains("median rising 42.6 ms a round");
        // And the capacity its first round suggests is the real one.
        assertThat(CapacityEstimate.fromOverload(recorded(26, 0), 10_479).getAsDouble())
                .isCloseTo(1_000, Offset.offset(10.0));
    }

    @Test
    void theRecordedRoundsAtExactlyTheCapacityPassThenTheHeldRateIsLowered() {
        // 1,000 rps right after 990 passed: its first round is as healthy as 990's, so it passes ...
        Trial trial = new Trial(SearchSettings.DEFAULT, 100_000, 10_503);
        assertThat(trial.add(true, recorded(50, 0), true, "r50").state()).isEqualTo(State.PASSED);
        // ... and held, it keeps failing once the machine's noise left a backlog it cannot drain: lowered after
        // three failing rounds of five (the recorded run lowered it after two).
        Search search = new Search(SearchSettings.DEFAULT, 20, 5_000, 100, "rps");
        search.range().passed(990);
        search.range().passed(1_000);
        search.range().failed(1_010);
        search.decide(new Steady(5), 1_000);
        Steady steady = (Steady) search.phase();
        long round = 0;
        for (int r : new int[] {51, 52, 53}) {
            RoundObservation o = recorded(r, round++);
            steady.judged(search, o, RoundJudge.judge(o, 100).kind() == RoundJudge.Kind.PASS, "r" + r, true);
        }
        assertThat(search.phase().label()).isEqualTo("steady");   // 2 of 5 failed: still held
        RoundObservation o = recorded(54, round);
        steady.judged(search, o, false, "r54", true);
        assertThat(search.phase().label()).isEqualTo("recovery");
        assertThat(search.range().highestPass()).hasValue(990);
        assertThat(search.probes()).extracting(AdaptiveProbe::verdict)
                .containsExactly(Verdict.PASS, Verdict.INCONCLUSIVE, Verdict.FAIL);
    }

    /**
     * Rounds 15-20 of a quiet run at 5,000 rps (sumservice, 25 slots of 5 ms; wrk's maximum 4,982 rps), as
     * {@link #RUN}: the ramp's 5,120 rps is 2.4 % above the capacity. Its first round was sent 16 ms late and its
     * median (32 ms) sits far above the half-round climb of so small an overload: no estimate from it, and the search
     * of the time bisected 2,560..5,120 (13 rounds from the failure to steady).
     */
    private static final double[][] RAMP_JUST_ABOVE = {
        {15, 2560, 5.327, 5.591, 9.103, 11.903, 1.494, 8.727},
        {16, 2560, 5.351, 5.507, 9.887, 13.479, 1.598, 8.975},
        {17, 5120, 31.919, 41.439, 45.055, 51.487, 16.023, 44.415},
        {18, 5120, 54.015, 67.135, 110.911, 129.855, 47.615, 92.479},
        {19, 5120, 79.039, 88.703, 92.415, 97.919, 1.405, 92.287},
        {20, 5120, 103.423, 112.959, 115.967, 117.759, 2.755, 115.775},
    };

    @Test
    void aRampFailingJustAboveTheCapacityIsPlacedByTheRiseFromRoundToRound() {
        Search search = new Search(SearchSettings.DEFAULT, 20, 20_000, 100, "rps");
        search.range().passed(1_280);
        search.decide(new Ramp(), 2_560);
        for (double[] r : RAMP_JUST_ABOVE) {
            long round = (long) r[0];
            RoundObservation o = ShapedRounds.recorded(round, r[1], (long) r[1], Math.min(5, r[2]), r[2], r[3], r[4],
                    r[5], r[6], r[7]);
            search.planned(round);
            if (o.rate() != search.rate()) {
                search.decide(new Ramp(), o.rate());
            }
            RoundJudge.Judgement j = RoundJudge.judge(o, 100);
            if (j.kind() != RoundJudge.Kind.INCONCLUSIVE) {
                search.firstRound(o, false);
                search.phase().judged(search, o, j.kind() == RoundJudge.Kind.PASS, j.reason(), true);
            }
        }
        assertThat(search.phase().label()).isEqualTo("recovery");
        assertThat(search.range().lowestFail()).isEqualTo(5_120);
        // The median rose 24.4 ms a round (79.0 -> 103.4 ms): 5,120 / 1.0244, about 4,998 rps. After recovery the
        // search probes just under it, where the bisection of the time went to 3,840.
        search.phase().judged(search, ShapedRounds.climbing(21, 640, 5, 6), true, "recovered", true);
        assertThat(search.phase().label()).isEqualTo("search");
        assertThat(search.rate()).isBetween(4_900.0, 5_000.0);
    }

    @Test
    void aRampWhoseRoundsTheGeneratorLimitedIsPlacedByTheirServiceTime() {
        // A quiet run at 5,000 rps (wrk 4,978) after the engine moved to one event loop in local mode: the ramp's
        // first two rounds at 5,120 rps were sent late (send-lag p99 46, 32 ms) and not judged, the third failed
        // once (p99 117 ms) and the fourth early. No round of the trial was a first round from a rested target,
        // and the trial saw no rise of its own; their service time (write to response, the target's alone) climbs
        // ~24 ms a round.
        double[][] rounds = {
            {17, 5120, 57.503, 67.199, 82.303, 90.815, 46.495, 70.527},
            {18, 5120, 82.367, 90.623, 99.199, 107.647, 31.791, 99.135},
            {19, 5120, 104.575, 114.047, 117.439, 122.175, 7.927, 117.247},
        };
        Search search = new Search(SearchSettings.DEFAULT, 20, 20_000, 100, "rps");
        search.range().passed(2_560);
        search.planned(16);
        search.decide(new Ramp(), 5_120);
        for (double[] r : rounds) {
            complete(search, ShapedRounds.recorded((long) r[0], r[1], (long) r[1], 5, r[2], r[3], r[4], r[5], r[6],
                    r[7]));
        }
        assertThat(search.phase().label()).as("one failing round of the two needed").isEqualTo("ramp");
        search.planned(20);
        RoundObservation failing = ShapedRounds.climbing(20, 5_120, 100, 140);
        search.firstRound(failing, true);
        search.phase().judged(search, failing, false, "1249 of 5120 requests already took more than 100 ms", false);
        assertThat(search.phase().label()).isEqualTo("recovery");
        search.phase().judged(search, ShapedRounds.climbing(21, 640, 5, 6), true, "recovered", true);
        // Without the service time the search bisected at 3,840 (13 rounds to steady in that run).
        assertThat(search.rate()).isBetween(4_850.0, 5_000.0);
    }

    /**
     * Two quiet runs at 5,000 rps after the service-time reading existed (sumservice, 25 slots of 5 ms; wrk's
     * maximum 4,982 rps), as {@link #RUN}: the ramp's 5,120 rps failed on a round judged early, with too few complete
     * rounds before it for a rise, and the search bisected 2,560..5,120 (13 rounds from the failure to steady).
     * Each round at 5,120 rps still climbed 24 ms from its first request to its last.
     */
    @Test
    void aRampFailingOnItsThirdRoundIsPlacedByTheClimbInsideTheRoundBefore() {
        // First run: the first round sent 72 ms late, the second on time on its backlog, the third failed early.
        Search search = rampAt5120();
        complete(search, ShapedRounds.recorded(17, 5_120, 5_120, 5, 85.951, 95.039, 123.775, 144.639, 71.551, 95.679));
        complete(search, ShapedRounds.recordedClimb(18, 5_120, 5_120, 108.031, 117.439, 119.807, 129.663, 3.171,
                119.743));
        assertThat(search.phase().label()).isEqualTo("ramp");
        failEarly(search, 19, 132);
        recovered(search, 20);
        assertThat(search.rate()).as("the bisection of the time went to 3,840").isBetween(4_900.0, 5_000.0);
    }

    @Test
    void aRampFailingBeforeItsRoundsAreCompleteIsPlacedOnceTheyAre() {
        // Second run: the first round sent 100 ms late throughout (p99 364 ms) failed once early, the second failed
        // early too; it completed during the recovery, on time and climbing.
        Search search = rampAt5120();
        failEarly(search, 17, 320);
        assertThat(search.phase().label()).as("one failing round of the two needed").isEqualTo("ramp");
        search.completed(ShapedRounds.recordedLate(17, 5_120, 5_120, 5, 304.383, 452.351, 504.063, 519.423, 98.8,
                364.287, 303.871));
        failEarly(search, 18, 320);
        assertThat(search.phase().label()).isEqualTo("recovery");
        search.completed(ShapedRounds.recordedClimb(18, 5_120, 5_120, 315.647, 325.375, 328.191, 329.215, 0.935,
                327.935));
        recovered(search, 19);
        assertThat(search.rate()).as("the bisection of the time went to 3,840").isBetween(4_900.0, 5_000.0);
    }

    /** The ramp at 5,120 rps from round 17, after 2,560 passed with a median of 5.2 ms. */
    private static Search rampAt5120() {
        Search search = new Search(SearchSettings.DEFAULT, 20, 20_000, 100, "rps");
        search.healthy(ShapedRounds.climbing(16, 2_560, 5.2, 5.2));
        search.range().passed(2_560);
        search.planned(16);
        search.decide(new Ramp(), 5_120);
        return search;
    }

    /** A complete round of the current decision, judged as the calculator judges it. */
    private static void complete(Search search, RoundObservation o) {
        search.planned(o.round());
        search.completed(o);
        RoundJudge.Judgement j = RoundJudge.judge(o, 100);
        if (j.kind() != RoundJudge.Kind.INCONCLUSIVE) {
            search.firstRound(o, false);
            search.phase().judged(search, o, j.kind() == RoundJudge.Kind.PASS, j.reason(), true);
        }
    }

    /** A round at 5,120 rps failed early: its first requests back already above the limit ({@code fromMs} up). */
    private static void failEarly(Search search, long round, double fromMs) {
        search.planned(round);
        RoundObservation back = ShapedRounds.partial(ShapedRounds.climbing(round, 1_000, fromMs, fromMs + 5), 5_120,
                5_120, null);
        search.firstRound(back, true);
        search.phase().judged(search, back, false, "requests already took more than 100 ms", false);
    }

    /** The recovery's round is healthy: the search moves on to its next probe. */
    private static void recovered(Search search, long round) {
        search.planned(round);
        search.phase().judged(search, ShapedRounds.climbing(round, 640, 5, 6), true, "recovered", true);
        assertThat(search.phase().label()).isEqualTo("search");
    }

    private static int index(int recorded) {
        for (int i = 0; i < RUN.length; i++) {
            if (RUN[i][0] == recorded) {
                return i;
            }
        }
        throw new IllegalArgumentException("no recorded round " + recorded);
    }
}
