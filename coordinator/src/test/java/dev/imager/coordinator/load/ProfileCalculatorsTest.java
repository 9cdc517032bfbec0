package dev.imager.coordinator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tables for the pure profiles: step, exponential (x2) and logarithmic (x10). */
class ProfileCalculatorsTest {

    static double[] first(LoadCalculator calculator, int n) {
        double[] rates = new double[n];
        for (int i = 0; i < n; i++) {
            rates[i] = calculator.nextRate(i);
        }
        return rates;
    }

    static Stream<Arguments> step() {
        return Stream.of(
                // the original's test: (10, 20, 5)
                Arguments.of(10, 20, 5, new double[] {10, 15, 20, 20, 20}),
                // max off the grid is still reached: (10, 25, 10)
                Arguments.of(10, 25, 10, new double[] {10, 20, 25, 25, 25}),
                // the defaults: 1 → 100 by 1
                Arguments.of(1, 100, 1, new double[] {1, 2, 3, 4, 5}),
                // step bigger than the range
                Arguments.of(5, 8, 100, new double[] {5, 8, 8, 8}),
                // min = max: constant
                Arguments.of(7, 7, 1, new double[] {7, 7, 7}),
                // min 0 is a valid start
                Arguments.of(0, 3, 2, new double[] {0, 2, 3, 3}),
                // all zero
                Arguments.of(0, 0, 1, new double[] {0, 0, 0}),
                // no overflow near Long.MAX_VALUE
                Arguments.of(Long.MAX_VALUE - 1, Long.MAX_VALUE, Long.MAX_VALUE,
                        new double[] {Long.MAX_VALUE - 1, Long.MAX_VALUE, Long.MAX_VALUE}));
    }

    @ParameterizedTest(name = "step({0}, {1}, {2})")
    @MethodSource("step")
    void stepSequences(long min, long max, long step, double[] expected) {
        assertThat(first(new StepCalculator(min, max, step), expected.length)).containsExactly(expected);
    }

    static Stream<Arguments> exponential() {
        return Stream.of(
                // the original's exponential test: (2, 10)
                Arguments.of(2, 10, 2, new double[] {2, 4, 8, 10, 10}),
                // the original's logarithmic test: (1, 1000)
                Arguments.of(1, 1000, 10, new double[] {1, 10, 100, 1000, 1000}),
                // logarithmic with max off the grid: (1, 500)
                Arguments.of(1, 500, 10, new double[] {1, 10, 100, 500, 500}),
                // fix: min 0 does not stall (the original stayed at 0 forever)
                Arguments.of(0, 10, 2, new double[] {0, 1, 2, 4, 8, 10, 10}),
                // fix for logarithmic too
                Arguments.of(0, 500, 10, new double[] {0, 1, 10, 100, 500, 500}),
                // min 0, max 0 stays at 0
                Arguments.of(0, 0, 2, new double[] {0, 0, 0}),
                // min = max
                Arguments.of(3, 3, 2, new double[] {3, 3, 3}),
                // no overflow near Long.MAX_VALUE
                Arguments.of(Long.MAX_VALUE / 3, Long.MAX_VALUE, 2,
                        new double[] {Long.MAX_VALUE / 3, 2 * (Long.MAX_VALUE / 3), Long.MAX_VALUE}));
    }

    @ParameterizedTest(name = "x{2}({0}, {1})")
    @MethodSource("exponential")
    void exponentialSequences(long min, long max, long factor, double[] expected) {
        assertThat(first(new ExponentialCalculator(min, max, factor), expected.length)).containsExactly(expected);
    }

    @Test
    void advancesPerCallNotPerRoundNumber() {
        // The original advanced once per dispatched round; skipped round numbers do not skip steps.
        StepCalculator step = new StepCalculator(10, 100, 10);
        assertThat(step.nextRate(0)).isEqualTo(10);
        assertThat(step.nextRate(5)).isEqualTo(20);
        assertThat(step.nextRate(5)).as("same round again").isEqualTo(20);
        assertThat(step.nextRate(9)).isEqualTo(30);
    }

    @Test
    void pureProfilesHaveNoSearchState() {
        LoadCalculator step = new StepCalculator(1, 2, 1);
        step.observe(Obs.at(0, 1).p99Ms(5000).build());
        assertThat(step.phase()).isEqualTo("profile");
        assertThat(step.probes()).isEmpty();
        assertThat(step.capacity()).isEmpty();
    }

    @Test
    void badParametersAreRejected() {
        assertThatThrownBy(() -> new StepCalculator(1, 10, 0)).hasMessage("step must be > 0, got 0");
        assertThatThrownBy(() -> new StepCalculator(-1, 10, 1)).hasMessage("min rate must be >= 0, got -1");
        assertThatThrownBy(() -> new ExponentialCalculator(5, 4, 2)).hasMessage("max rate must be >= min (5), got 4");
        assertThatThrownBy(() -> new ExponentialCalculator(1, 4, 1)).hasMessage("factor must be >= 2, got 1");
    }
}
