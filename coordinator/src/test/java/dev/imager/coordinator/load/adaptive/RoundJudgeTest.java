package dev.imager.coordinator.load.adaptive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.load.Obs;
import dev.imager.coordinator.load.RoundObservation;
import dev.imager.coordinator.load.adaptive.RoundJudge.Kind;
import dev.imager.protocol.latency.LatencySnapshot;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoundJudgeTest {

    static Stream<Arguments> verdicts() {
        return Stream.of(
                // latency mode, fast: pass
                row(Obs.at(0, 10).p99Ms(20), 200, Kind.PASS, "p99 20 ms <= limit 200 ms, timeouts 0%, target errors 0%"),
                // latency mode, slow: fail
                row(Obs.at(0, 40).p99Ms(350), 200, Kind.FAIL, "p99 350.2 ms > limit 200 ms"),
                // just below the limit passes (the rule is p99 > limit)
                row(Obs.at(0, 10).p99Ms(199.7), 200, Kind.PASS, "p99 199.8 ms <= limit 200 ms"),
                // a sample of exactly 200 ms reads back as 200.1 ms (HdrHistogram's highest equivalent value
                // at 3 significant digits), so it fails: the reported p99 is what is compared
                row(Obs.at(0, 10).p99Ms(200), 200, Kind.FAIL, "p99 200.1 ms > limit 200 ms"),
                // timeout mode ignores latency: 40% timeouts pass
                row(Obs.at(0, 10).p99Ms(5000).timeouts(4), 0, Kind.PASS, "timeouts 40%, target errors 0%"),
                // timeout mode: exactly half fails
                row(Obs.at(0, 20).timeouts(10), 0, Kind.FAIL,
                        "10 of 20 requests timed out or got 503/504 (50% >= 50%)"),
                // latency mode: half timing out fails even with a good p99
                row(Obs.at(0, 20).timeouts(10), 200, Kind.FAIL, "10 of 20 requests timed out"),
                // 503s count as timeouts
                row(Obs.at(0, 10).status(503, 5), 0, Kind.FAIL, "5 of 10 requests timed out or got 503/504"),
                // a target failing fast with 500s fails (the original passed it)
                row(Obs.at(0, 10).status(500, 6), 0, Kind.FAIL,
                        "6 of 10 requests failed with 5xx, 429 or connect errors (60% >= 50%)"),
                // refused connections fail
                row(Obs.at(0, 10).connectErrors(5), 200, Kind.FAIL, "5 of 10 requests failed with 5xx, 429 or connect"),
                // 404s are the request file's problem, not capacity: pass
                row(Obs.at(0, 10).status(404, 10), 200, Kind.PASS, "target errors 0%"),
                // several reasons at once
                row(Obs.at(0, 10).p99Ms(900).status(503, 6), 200, Kind.FAIL,
                        "p99 900.1 ms > limit 200 ms; 6 of 10 requests timed out or got 503/504 (60% >= 50%); 6 of "
                                + "10 requests failed with 5xx"),
                // nothing sent: inconclusive
                row(Obs.at(0, 10).notSent(), 200, Kind.INCONCLUSIVE, "nothing sent: no live worker or target"),
                // lost results: inconclusive
                row(Obs.at(0, 10).lost(3), 200, Kind.INCONCLUSIVE, "3 of 10 requests lost"),
                // generator strained, target fine: inconclusive
                row(Obs.at(0, 10).dropped(2).p99Ms(900).serviceMs(20), 200, Kind.INCONCLUSIVE,
                        "generator-limited: 2 requests dropped"),
                // rate 0: trivially fine
                row(Obs.at(0, 0).notSent(), 200, Kind.PASS, "rate 0: nothing to send"));
    }

    static Arguments row(Obs obs, long limitMs, Kind kind, String reason) {
        return Arguments.of(obs.build(), limitMs, kind, reason);
    }

    @ParameterizedTest
    @MethodSource("verdicts")
    void judgesRounds(RoundObservation o, long limitMs, Kind kind, String reason) {
        RoundJudge.Judgement j = RoundJudge.judge(o, limitMs);
        assertThat(j.kind()).isEqualTo(kind);
        assertThat(j.reason()).contains(reason);
    }

    @Test
    void certainFailuresLookPastTheGeneratorsLag() {
        // 400 of 1,000 planned requests back, climbing to 200 ms: more than 1 % already above 100 ms, certain
        RoundObservation back = ShapedRounds.climbing(0, 400, 10, 200);
        assertThat(RoundJudge.certainFailure(ShapedRounds.partial(back, 1_000, 1_000, null), 100))
                .hasValueSatisfying(r -> assertThat(r).startsWith("21").contains("of 1000 requests already took more "
                        + "than 100 ms"));
        // the same with the generator 150 ms late: its lateness explains the latency, no verdict yet
        var late = ShapedRounds.climbing(0, 400, 150, 150).latency();
        assertThat(RoundJudge.certainFailure(ShapedRounds.partial(back, 1_000, 1_000, late), 100)).isEmpty();
        // 20 ms late: only requests above 120 ms count, and there are enough of them
        var littleLate = ShapedRounds.climbing(0, 400, 20, 20).latency();
        assertThat(RoundJudge.certainFailure(ShapedRounds.partial(back, 1_000, 1_000, littleLate), 100))
                .hasValueSatisfying(r -> assertThat(r).contains("took more than 100 ms plus the generator's send lag "
                        + "(20 ms)"));
    }

    @Test
    void aRecoveryRoundIsHealthyOnceItsFirstRequestsAreBackWithinTheLimit() {
        // 45 of 100 back
        assertThat(RoundJudge.healthySoFar(recovering(45, 10, 20), 100)).hasValue(
                "45 of 100 requests back, every one within 100 ms: the backlog is gone");
        // the first few still waited for the backlog's tail: healthy
        assertThat(RoundJudge.healthySoFar(recovering(45, 121, 11), 100)).hasValueSatisfying(r -> assertThat(r)
                .contains("all but 9 within 100 ms"));
        // most of them waited: not yet
        assertThat(RoundJudge.healthySoFar(recovering(45, 400, 90), 100)).isEmpty();
        // too few back to tell
        assertThat(RoundJudge.healthySoFar(recovering(30, 10, 20), 100)).isEmpty();
        // a timeout means the target is not back
        RoundObservation timedOut = ShapedRounds.observation(0, 100, 100, Obs.at(0, 45).timeouts(1).build().outcomes(),
                Map.of(), ShapedRounds.climbing(0, 45, 10, 20).latency(),
                LatencySnapshot.empty(), LatencySnapshot.empty());
        assertThat(RoundJudge.healthySoFar(timedOut, 100)).isEmpty();
    }

    /** A recovery round of 100 requests with {@code back} back so far, their latency going from one value to another. */
    private static RoundObservation recovering(long back, double fromMs, double toMs) {
        return ShapedRounds.partial(ShapedRounds.climbing(0, back, fromMs, toMs), 100, 100, null);
    }
}
