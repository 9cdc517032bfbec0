package dev.imager.coordinator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imager.coordinator.config.InvalidConfigException;
import dev.imager.coordinator.config.Sections;
import dev.imager.coordinator.config.StageList;
import dev.imager.coordinator.schedule.RateIntegrator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StagesCalculatorTest {

    /** Every round's request count, planned as the run loop plans them, until the shape says it is finished. */
    static long[] counts(String stages, Duration interval) {
        StagesCalculator calc = new StagesCalculator(StageList.parse(stages), interval);
        RateIntegrator integrator = new RateIntegrator(interval.toNanos());
        List<Long> counts = new ArrayList<>();
        for (long round = 0; !calc.finished(); round++) {
            assertThat(round).as("rounds of %s", stages).isLessThan(100_000);
            counts.add(integrator.next(calc.nextRate(round)));
        }
        return counts.stream().mapToLong(Long::longValue).toArray();
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                // 0 -> 10 rps over 10 s: the integral of each second is i + 0.5, carried over so pairs make 2, 4, ...
                Arguments.of("10s:10", 1_000, new long[] {0, 2, 2, 4, 4, 6, 6, 8, 8, 10}),
                // a jump, then a hold: a constant rate
                Arguments.of("0s:5,3s:5", 1_000, new long[] {5, 5, 5}),
                // a shape that ends mid-round: the last round gets what is left (integral 0.8, 3.2, 5)
                Arguments.of("2500ms:4", 1_000, new long[] {0, 3, 2}),
                // a jump down to nothing ends the load at once
                Arguments.of("1s:100,0s:0,1s:0", 1_000, new long[] {50, 0}),
                // 700 ms rounds over a 0 -> 30 rps ramp of 3 s: M(t) = 5t², so 2.45, 9.8, 22.05, 39.2, 45
                Arguments.of("3s:30", 700, new long[] {2, 7, 13, 17, 6}),
                // half-second rounds of a hold at 3 rps: 1.5 each, carried: 1, 2, 1, 2
                Arguments.of("0s:3,2s:3", 500, new long[] {1, 2, 1, 2}),
                // an integral of 1.5 requests plans 1 (the whole part, as every profile)
                Arguments.of("3s:1", 1_000, new long[] {0, 0, 1}));
    }

    @ParameterizedTest(name = "{0} in {1} ms rounds")
    @MethodSource("shapes")
    void plansTheIntegralRoundByRound(String stages, long intervalMillis, long[] expected) {
        assertThat(counts(stages, Duration.ofMillis(intervalMillis))).containsExactly(expected);
    }

    static Stream<Arguments> totals() {
        return Stream.of(
                // the k6 example: 1 500 + 36 000 + 7 500
                Arguments.of("30s:100,2m:500,30s:0", 1_000, 45_000L, 180),
                // the same shape in 700 ms rounds: the same total, the last round shorter
                Arguments.of("30s:100,2m:500,30s:0", 700, 45_000L, 258),
                // a steep hour: 1.8 billion requests, not one lost to rounding
                Arguments.of("1h:1000000", 1_000, 1_800_000_000L, 3_600),
                // jumps both ways in 250 ms rounds: 100 x 30 + 1000 x 10 + 100 x 30
                Arguments.of("0s:100,30s:100,0s:1000,10s:1000,0s:100,30s:100", 250, 16_000L, 280),
                // odd numbers: 7 s ramp to 13 then 11 s down to 4: 45.5 + 93.5 = 139
                Arguments.of("7s:13,11s:4", 1_000, 139L, 18));
    }

    @ParameterizedTest(name = "{0} in {1} ms rounds")
    @MethodSource("totals")
    void totalsAreTheExactIntegral(String stages, long intervalMillis, long total, int rounds) {
        long[] counts = counts(stages, Duration.ofMillis(intervalMillis));
        assertThat(Arrays.stream(counts).sum()).isEqualTo(total);
        assertThat(counts).hasSize(rounds);
    }

    @Test
    void ratesAreEachRoundsMeanAndFollowTheShape() {
        StagesCalculator calc = new StagesCalculator(StageList.parse("2s:100,2s:100,2s:0"), Duration.ofSeconds(1));
        double[] rates = new double[6];
        for (int round = 0; round < 6; round++) {
            rates[round] = calc.nextRate(round);
        }
        // up: means of 0..50 and 50..100; hold; down
        assertThat(rates).containsExactly(25, 75, 100, 100, 75, 25);
        assertThat(calc.finished()).isTrue();
        // asked again after the end: nothing more
        assertThat(calc.nextRate(6)).isZero();
    }

    @Test
    void aRoundNotSentIsPlannedAgainAndTheShapeWaits() {
        StagesCalculator calc = new StagesCalculator(StageList.parse("0s:10,2s:10,1s:40"), Duration.ofSeconds(1));
        assertThat(calc.nextRate(0)).isEqualTo(10);
        assertThat(calc.position()).isEqualTo("stage 2/3");
        assertThat(calc.nextRate(1)).isEqualTo(10);
        // the same round asked twice: the same rate, no advance
        assertThat(calc.nextRate(1)).isEqualTo(10);
        calc.roundNotSent(1);
        assertThat(calc.nextRate(2)).isEqualTo(10);
        assertThat(calc.nextRate(3)).isEqualTo(25);
        assertThat(calc.position()).isEqualTo("stage 3/3");
        calc.roundNotSent(3);
        // the last round not sent: not finished until it is planned again
        assertThat(calc.finished()).isFalse();
        assertThat(calc.nextRate(4)).isEqualTo(25);
        assertThat(calc.finished()).isTrue();
    }

    @Test
    void theFactoryRefusesWhatValidationWouldByFlag() {
        assertThatThrownBy(() -> new StagesCalculatorFactory().create(Sections.load("-load-calculator=stages")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("--stages: is required for -load-calculator=stages (or give --preset)");
        assertThatThrownBy(() -> new StagesCalculatorFactory().create(Sections.load("--stages=0s:5")))
                .hasMessageContaining("--stages: the stages last 0s: at least one needs a duration");
        assertThat(new StagesCalculatorFactory().create(Sections.load("--preset=light")))
                .isInstanceOf(StagesCalculator.class);
        assertThat(LoadCalculators.discover().knownTypes()).contains("stages");
    }
}
