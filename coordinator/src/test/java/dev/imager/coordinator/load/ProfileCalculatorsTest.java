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

    /**
     * The rate of every round when the rounds marked '-' in {@code sent} could not be sent (no live worker, no
     * target) and those marked 'S' were.
     */
    static double[] withRoundsNotSent(LoadCalculator calculator, String sent) {
        double[] rates = new double[sent.length()];
        for (int round = 0; round < sent.length(); round++) {
            rates[round] = calculator.nextRate(round);
            if (sent.charAt(round) == '-') {
                calculator.roundNotSent(round);
            }
        }
        return rates;
    }

    static Stream<Arguments> roundsNotSent() {
        return Stream.of(
                // every round sent: the plain sequence
                Arguments.of(new StepCalculator(10, 100, 10), "SSSS", new double[] {10, 20, 30, 40}),
                // a gap of two rounds: 30 is held until a round is sent at it
                Arguments.of(new StepCalculator(10, 100, 10), "SS--S-SS", new double[] {10, 20, 30, 30, 30, 40, 40, 50}),
                // no worker yet at the very start: the profile starts at min once one is there
                Arguments.of(new StepCalculator(10, 100, 10), "--SS", new double[] {10, 10, 10, 20}),
                // at max it stays at max
                Arguments.of(new StepCalculator(5, 8, 100), "S-SS", new double[] {5, 8, 8, 8}),
                // exponential pauses the same way
                Arguments.of(new ExponentialCalculator(1, 1000, 2), "S-S--SS", new double[] {1, 2, 2, 4, 4, 4, 8}),
                // ... and logarithmic
                Arguments.of(new ExponentialCalculator(1, 1000, 10), "-S-SS", new double[] {1, 1, 10, 10, 100}),
                // min 0 (followed by 1) too
                Arguments.of(new ExponentialCalculator(0, 10, 2), "S-SS", new double[] {0, 1, 1, 2}));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("roundsNotSent")
    void pausesThroughRoundsThatWereNotSent(LoadCalculator calculator, String sent, double[] expected) {
        assertThat(withRoundsNotSent(calculator, sent)).containsExactly(expected);
    }

    @Test
    void theRoundsSentFollowTheProfileWithoutAGap() {
        String sent = "S--S-SS---SS-S";
        double[] rates = withRoundsNotSent(new StepCalculator(1, 100, 3), sent);
        double[] ratesSent = java.util.stream.IntStream.range(0, sent.length()).filter(r -> sent.charAt(r) == 'S')
                .mapToDouble(r -> rates[r]).toArray();

        assertThat(ratesSent).containsExactly(first(new StepCalculator(1, 100, 3), ratesSent.length));
    }

    @Test
    void onlyTheRoundJustPlannedCanBeMarkedNotSent() {
        StepCalculator step = new StepCalculator(10, 100, 10);
        step.nextRate(0);
        step.nextRate(1);
        step.roundNotSent(0); // an older round: ignored
        assertThat(step.nextRate(2)).isEqualTo(30);
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
