package dev.imager.coordinator.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The three noise rules, by their formulas. */
class NoiseBoundTest {

    @Test
    void perRoundIsTwoStandardErrorsOfTheDifferenceOfMeans() {
        // A: 1, 2, 3 (variance 1); B: 2, 4, 6, 8 (variance 20/3): 2 * sqrt(1/3 + (20/3)/4) = 2 * sqrt(2)
        assertThat(NoiseBound.perRound(new double[] {1, 2, 3}, new double[] {2, 4, 6, 8}).getAsDouble())
                .isCloseTo(2 * Math.sqrt(2), within(1e-12));
        // identical rounds: no noise at all
        assertThat(NoiseBound.perRound(new double[] {5, 5, 5}, new double[] {5, 5, 5}).getAsDouble()).isZero();
        // fewer than three rounds in either run: unknown
        assertThat(NoiseBound.perRound(new double[] {1, 2}, new double[] {1, 2, 3})).isEmpty();
        assertThat(NoiseBound.perRound(new double[] {1, 2, 3}, new double[0])).isEmpty();
    }

    @Test
    void proportionsAreTheTwoProportionTestOnThePooledFraction() {
        // 10 of 1000 and 30 of 1000: p = 0.02, 1.96 * sqrt(0.02 * 0.98 * 2/1000)
        assertThat(NoiseBound.proportion(10, 1000, 30, 1000).getAsDouble())
                .isCloseTo(1.96 * Math.sqrt(0.02 * 0.98 * 0.002), within(1e-12));
        // no failure anywhere: a zero bound, and no change to mark
        assertThat(NoiseBound.proportion(0, 500, 0, 800).getAsDouble()).isZero();
        // nothing sent in one run: unknown
        assertThat(NoiseBound.proportion(0, 0, 3, 100)).isEmpty();
    }

    @Test
    void capacitiesDifferBeyondNoiseOnlyWhenTheSearchBracketsAreApart() {
        NoiseBound.Bracket a = NoiseBound.capacity(Runs.withCapacity(Runs.steady("a", 3, 10, n -> 1, 0), 200, 210));
        NoiseBound.Bracket b = NoiseBound.capacity(Runs.withCapacity(Runs.steady("b", 3, 10, n -> 1, 0), 205, 215));
        NoiseBound.Bracket c = NoiseBound.capacity(Runs.withCapacity(Runs.steady("c", 3, 10, n -> 1, 0), 180, 190));
        NoiseBound.Bracket open = NoiseBound.capacity(Runs.withCapacity(Runs.steady("d", 3, 10, n -> 1, 0), 150, 0));

        assertThat(a).hasToString("[200, 210)");
        assertThat(a.overlaps(b)).isTrue();
        assertThat(a.overlaps(c)).isFalse();
        // a capacity with no failing probe above it is a lower bound: [150, ∞) holds every higher one
        assertThat(open).hasToString("[150, ∞)");
        assertThat(open.overlaps(a)).isTrue();
        assertThat(NoiseBound.capacity(Runs.steady("none", 3, 10, n -> 1, 0))).isNull();
    }
}
