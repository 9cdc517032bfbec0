package dev.imager.coordinator.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.config.LoadSettings;
import dev.imager.coordinator.config.Sections;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

/**
 * What every built-in {@link LoadCalculator} promises, driven through its factory with observations
 * from a fake target arriving two rounds late; one subclass per built-in.
 */
abstract class LoadCalculatorContract {

    static final int ROUNDS = 10_000;

    abstract LoadCalculatorFactory factory();

    LoadSettings config(long min, long max) {
        return Sections.load("-load-calculator=" + factory().type(), "-min-rps=" + min, "-max-rps=" + max,
                "-step-rps=7", "-adaptive-max-latency-ms=200");
    }

    /** Fake target: capacity 265 rps, every 97th round a lost result, every 89th a 500 storm. */
    static RoundObservation observe(long round, double rate) {
        Obs obs = Obs.at(round, rate).p99Ms(rate > 265 ? 2_000 : 20);
        if (round % 97 == 0) {
            obs.lost(1);
        }
        if (round % 89 == 0 && rate >= 2) {
            obs.status(500, Math.round(rate) - 1);
        }
        return obs.build();
    }

    static double[] run(LoadCalculator calc, int rounds) {
        double[] rates = new double[rounds];
        Deque<RoundObservation> inFlight = new ArrayDeque<>();
        for (int round = 0; round < rounds; round++) {
            rates[round] = calc.nextRate(round);
            inFlight.addLast(observe(round, rates[round]));
            if (inFlight.size() > 2) {
                calc.observe(inFlight.removeFirst());
            }
        }
        return rates;
    }

    @Test
    void neverNegativeNeverAboveMax() {
        for (long[] bounds : new long[][] {{0, 0}, {0, 1}, {1, 100}, {10, 500}, {5, 5}, {0, 1000}, {300, 400}}) {
            LoadCalculator calc = factory().create(config(bounds[0], bounds[1]));
            for (double rate : run(calc, 2_000)) {
                assertThat(rate).as("bounds %d..%d", bounds[0], bounds[1]).isBetween(0.0, (double) bounds[1]);
            }
        }
    }

    @Test
    void deterministicForTheSameInputs() {
        assertThat(run(factory().create(config(10, 500)), 3_000))
                .containsExactly(run(factory().create(config(10, 500)), 3_000));
    }

    @Test
    void tenThousandRoundsWithBoundedMemory() {
        LoadCalculator calc = factory().create(config(10, 500));
        run(calc, ROUNDS);
        // Probes are stored per decision, not per round: far fewer than the rounds.
        assertThat(calc.probes().size()).isLessThan(ROUNDS / 10);
        assertThat(calc.phase()).isIn("profile", "ramp", "recovery", "search", "steady");
    }

    @Test
    void startsAtMin() {
        assertThat(factory().create(config(10, 500)).nextRate(0)).isEqualTo(10);
    }
}
