package dev.imager.coordinator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoundObservationTest {

    static Stream<Arguments> ratios() {
        return Stream.of(
                // all ok
                Arguments.of(Obs.at(0, 10).build(), 0.0, 0.0, 0.0),
                // 4 timeouts of 10: timeout ratio 0.4, every failure counts in errorRatio
                Arguments.of(Obs.at(0, 10).timeouts(4).build(), 0.4, 0.4, 0.0),
                // 503 and 504 count as timeouts (and as 5xx target errors)
                Arguments.of(Obs.at(0, 10).status(503, 2).status(504, 3).build(), 0.5, 0.5, 0.5),
                // 500s are target errors, not timeouts
                Arguments.of(Obs.at(0, 10).status(500, 6).build(), 0.0, 0.6, 0.6),
                // 429 is a target error, other 4xx are not
                Arguments.of(Obs.at(0, 10).status(429, 2).status(404, 3).build(), 0.0, 0.5, 0.2),
                // connect errors are target errors; other errors only count in errorRatio
                Arguments.of(Obs.at(0, 10).connectErrors(3).otherErrors(1).build(), 0.0, 0.4, 0.3),
                // dropped requests were not sent: ratios are over the 8 sent
                Arguments.of(Obs.at(0, 10).dropped(2).timeouts(4).build(), 0.5, 0.5, 0.0),
                // nothing sent: all ratios 0
                Arguments.of(Obs.at(0, 10).notSent().build(), 0.0, 0.0, 0.0));
    }

    @ParameterizedTest
    @MethodSource("ratios")
    void ratiosFollowTheirFormulas(RoundObservation o, double timeout, double error, double target) {
        assertThat(o.timeoutRatio()).isCloseTo(timeout, within(1e-9));
        assertThat(o.errorRatio()).isCloseTo(error, within(1e-9));
        assertThat(o.targetErrorRatio()).isCloseTo(target, within(1e-9));
        // The counts behind the ratios (the round judge quotes them).
        long sent = o.outcomes().sent();
        if (sent > 0) {
            assertThat(o.timeouts()).isEqualTo(Math.round(timeout * sent));
            assertThat(o.targetErrors()).isEqualTo(Math.round(target * sent));
        }
    }

    @Test
    void p99IsOfTheCorrectedLatency() {
        RoundObservation o = Obs.at(0, 10).p99Ms(350).serviceMs(5).build();
        assertThat(o.p99Micros()).isBetween(350_000L, 350_500L);
    }

    static Stream<Arguments> generatorLimited() {
        return Stream.of(
                // healthy round: not limited
                Arguments.of(Obs.at(0, 100).build(), 200L, false),
                // nothing sent (no worker / target)
                Arguments.of(Obs.at(0, 100).notSent().build(), 200L, true),
                // results lost
                Arguments.of(Obs.at(0, 100).lost(1).build(), 200L, true),
                // planned but none sent, none dropped: no evidence
                Arguments.of(Obs.at(0, 100).dropped(100).build(), 200L, true),
                // drops while the target's service time is fine: the generator's fault
                Arguments.of(Obs.at(0, 100).dropped(5).p99Ms(900).serviceMs(20).build(), 200L, true),
                // big send lag while the service time is fine
                Arguments.of(Obs.at(0, 100).sendLagMs(50).p99Ms(300).serviceMs(20).build(), 200L, true),
                // send lag exactly at 10 ms is still fine
                Arguments.of(Obs.at(0, 100).sendLagMs(9.9).p99Ms(300).serviceMs(20).build(), 200L, false),
                // drops but the target itself is slow: a genuine target failure
                Arguments.of(Obs.at(0, 100).dropped(5).p99Ms(900).serviceMs(800).build(), 200L, false),
                // timeout mode: drops and few timeouts: generator
                Arguments.of(Obs.at(0, 100).dropped(5).timeouts(10).build(), 0L, true),
                // timeout mode: drops but half time out: target
                Arguments.of(Obs.at(0, 100).dropped(10).timeouts(45).build(), 0L, false),
                // drops but the target fails fast with 500s: target
                Arguments.of(Obs.at(0, 100).dropped(5).status(500, 60).build(), 200L, false));
    }

    @ParameterizedTest
    @MethodSource("generatorLimited")
    void generatorLimitedOnlyWhenTheTargetLooksHealthy(RoundObservation o, long limitMs, boolean expected) {
        assertThat(o.generatorLimited(limitMs)).isEqualTo(expected);
    }
}
