package dev.imager.coordinator.load.adaptive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.load.RoundObservation;
import dev.imager.coordinator.load.adaptive.Trial.State;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verdict on one rate from its rounds. Every table: the rounds of one decision (p99 limit 100 ms, the
 * healthy median 10 ms), each a latency climbing from one value to another, and the trial's state after each.
 */
class TrialTest {

    private static final long LIMIT_MICROS = 100_000;
    private static final long HEALTHY_P50_MICROS = 10_000;

    /** A complete round at 1,000 rps whose latency climbs from {@code fromMs} to {@code toMs}. */
    record Round(double fromMs, double toMs, boolean complete) {
        boolean passes(long limitMicros) {
            return RoundJudge.judge(observation(0), limitMicros / 1000).kind() == RoundJudge.Kind.PASS;
        }

        RoundObservation observation(long round) {
            return ShapedRounds.climbing(round, 1_000, fromMs, toMs);
        }
    }

    static Round r(double fromMs, double toMs) {
        return new Round(fromMs, toMs, true);
    }

    /** A round judged early, from partial results, as failing. */
    static Round early() {
        return new Round(150, 300, false);
    }

    static List<State> run(SearchSettings settings, long limitMicros, Round... rounds) {
        Trial trial = new Trial(settings, limitMicros, HEALTHY_P50_MICROS);
        List<State> states = new ArrayList<>();
        long n = 0;
        for (Round round : rounds) {
            Trial.Step step = trial.add(round.passes(limitMicros == 0 ? LIMIT_MICROS : limitMicros),
                    round.observation(n++), round.complete(), "round " + n);
            states.add(step.state());
            if (step.state() != State.OPEN) {
                break;
            }
        }
        return states;
    }

    static List<State> run(Round... rounds) {
        return run(SearchSettings.DEFAULT, LIMIT_MICROS, rounds);
    }

    @Test
    void aHealthyRoundPassesAtOnce() {
        assertThat(run(r(10, 12))).containsExactly(State.PASSED);
    }

    @Test
    void oneSlowRoundIsNotACapacityLimit() {
        assertThat(run(r(10, 300), r(10, 12))).containsExactly(State.OPEN, State.PASSED);   // a blip, then healthy
        assertThat(run(early(), r(10, 12))).containsExactly(State.OPEN, State.PASSED);      // judged early, same
    }

    @Test
    void twoFailingRoundsFail() {
        assertThat(run(r(150, 300), r(300, 450))).containsExactly(State.OPEN, State.FAILED);
        assertThat(run(early(), early())).containsExactly(State.OPEN, State.FAILED);
    }

    @Test
    void aFailureAfterAClimbingRoundIsTheQueueNotABlip() {
        // The first round passes but its median sits 20 ms above the healthy one: a queue grew in it.
        assertThat(run(r(10, 50), early())).containsExactly(State.OPEN, State.FAILED);
    }

    @Test
    void aQueueClimbingFastEnoughFailsBeforeItsP99Does() {
        // 40 ms a round: the p99 (about 90 ms) would pass the limit within a round.
        assertThat(run(r(10, 50), r(50, 90))).containsExactly(State.OPEN, State.FAILED);
    }

    @Test
    void aSlowClimbGetsMoreRoundsThenPassesOnItsP99() {
        // A p99 limit of 1 s (noise margin 20 ms): 30 ms a round from 160 ms reaches about 760 ms in 20 more rounds,
        // under the limit. The climb gets the trial's 4 rounds, then passes.
        assertThat(run(SearchSettings.DEFAULT, 1_000_000, r(100, 130), r(130, 160), r(160, 190), r(190, 220)))
                .containsExactly(State.OPEN, State.OPEN, State.OPEN, State.PASSED);
    }

    @Test
    void aClimbThatWouldCrossTheLimitWithinTwentyRoundsFails() {
        // 6 ms a round from 22 ms: 20 more rounds would reach 142 ms.
        assertThat(run(r(10, 16), r(16, 22))).containsExactly(State.OPEN, State.FAILED);
    }

    @Test
    void stationaryQueueingIsNotAGrowingQueue() {
        // Poisson arrivals near capacity: the median sits above the healthy one but does not keep rising.
        assertThat(run(r(10, 30), r(10, 30))).containsExactly(State.OPEN, State.PASSED);
    }

    @Test
    void aRateThatPassedWithAStandingQueueSetsNoHealthyLevel() {
        Trial standing = new Trial(SearchSettings.DEFAULT, LIMIT_MICROS, HEALTHY_P50_MICROS);
        standing.add(true, r(10, 30).observation(0), true, "r0");
        assertThat(standing.add(true, r(10, 30).observation(1), true, "r1").state()).isEqualTo(State.PASSED);
        assertThat(standing.sawQueue()).isTrue();   // its 20 ms median is no baseline for the next rate's climb
        Trial healthy = new Trial(SearchSettings.DEFAULT, LIMIT_MICROS, HEALTHY_P50_MICROS);
        assertThat(healthy.add(true, r(10, 12).observation(0), true, "r0").state()).isEqualTo(State.PASSED);
        assertThat(healthy.sawQueue()).isFalse();
    }

    @Test
    void passFailPassPassesAndFailPassFailFails() {
        assertThat(run(r(10, 300), r(10, 12))).containsExactly(State.OPEN, State.PASSED);
        assertThat(run(r(10, 300), r(10, 12), r(10, 300))).containsExactly(State.OPEN, State.PASSED);
        SearchSettings twoPasses = new SearchSettings(Resolution.DEFAULT, 2, 2, 20, true, 0.25, 5, 3, 60, 3, 100);
        // with two passes needed: fail, pass, fail = two failures
        assertThat(run(twoPasses, LIMIT_MICROS, r(10, 300), r(10, 12), r(10, 300)))
                .containsExactly(State.OPEN, State.OPEN, State.FAILED);
    }

    @Test
    void theOriginalJudgesEachRoundOnItsOwn() {
        assertThat(run(SearchSettings.ORIGINAL, LIMIT_MICROS, r(10, 300))).containsExactly(State.FAILED);
        assertThat(run(SearchSettings.ORIGINAL, LIMIT_MICROS, r(10, 50))).containsExactly(State.PASSED);
    }

    @Test
    void timeoutModeHasNoTrend() {
        // No latency limit: a climbing round passes at once (only timeouts and errors count), where the latency
        // mode wants another round.
        assertThat(run(SearchSettings.DEFAULT, 0, r(10, 90))).containsExactly(State.PASSED);
        assertThat(run(SearchSettings.DEFAULT, LIMIT_MICROS, r(10, 90))).containsExactly(State.OPEN);
    }

    @Test
    void theNextRoundsFirstRequestsShowTheClimbEarly() {
        Trial trial = new Trial(SearchSettings.DEFAULT, LIMIT_MICROS, HEALTHY_P50_MICROS);
        assertThat(trial.add(true, ShapedRounds.climbing(0, 1_000, 10, 50), true, "r0").state()).isEqualTo(State.OPEN);
        // The first half of the next round, back so far: it climbs on from 50 to 70 ms.
        RoundObservation half = ShapedRounds.climbing(1, 1_000, 50, 70);
        RoundObservation partial = ShapedRounds.partial(half, 1_000, 2_000, null);
        assertThat(trial.risingSoFar(partial)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("median rising about").contains("above the limit within 20 rounds"));
        // A flat first half says nothing.
        RoundObservation flat = ShapedRounds.climbing(1, 1_000, 28, 32);
        assertThat(trial.risingSoFar(ShapedRounds.partial(flat, 1_000, 2_000, null))).isEmpty();
    }
}
