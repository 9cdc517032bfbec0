package dev.imager.coordinator.load.adaptive;

import static dev.imager.coordinator.load.adaptive.AdaptiveExponentialCalculatorTest.OK;
import static dev.imager.coordinator.load.adaptive.AdaptiveExponentialCalculatorTest.p99;
import static dev.imager.coordinator.load.adaptive.AdaptiveExponentialCalculatorTest.row;
import static dev.imager.coordinator.load.adaptive.AdaptiveExponentialCalculatorTest.trace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.load.AdaptiveProbe;
import dev.imager.coordinator.load.AdaptiveProbe.Verdict;
import dev.imager.coordinator.load.Obs;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Steady and recovery in imager's search: the held rate is lowered only when it keeps failing, re-probed above
 * now and then, and recovery ends on the first healthy round. Rounds are observed before the next is planned.
 */
class SteadyAndRecoveryTest {

    /**
     * Runs {@code rounds} rounds against a target that passes up to {@code capacity(round)} rps (p99 20 ms) and
     * fails above it (p99 900 ms); returns the rates planned.
     */
    static List<Double> run(AdaptiveExponentialCalculator calc, int rounds, LongToDoubleFunction capacity) {
        List<Double> rates = new ArrayList<>();
        for (long round = 0; round < rounds; round++) {
            double rate = calc.nextRate(round);
            rates.add(rate);
            calc.observe(Obs.at(round, rate).p99Ms(rate <= capacity.applyAsDouble(round) ? 20 : 900).build());
        }
        return rates;
    }

    @Test
    void theHeldRateIsLoweredAfterThreeFailingRoundsOfFive() {
        AdaptiveExponentialCalculator calc = new AdaptiveExponentialCalculator(100, 100, 200);
        long round = trace(calc, 0, row(100, OK, 100));   // max passes: steady at max
        assertThat(calc.phase()).isEqualTo("steady");
        round = trace(calc, round,
                row(100, p99(900), 100),    // 1 of the last 5 failed
                row(100, OK, 100),
                row(100, p99(900), 100),    // 2 of 5
                row(100, OK, 100),
                row(100, OK, 100),
                row(100, p99(900), 100),    // 2 of the last 5: the first failure is 5 rounds back
                row(100, p99(900), 25));    // 3 of 5: lowered; recovery at a quarter of the highest pass
        assertThat(calc.phase()).isEqualTo("recovery");
        List<AdaptiveProbe> steady = calc.probes().stream().filter(p -> p.phase().equals("steady")).toList();
        assertThat(steady).extracting(AdaptiveProbe::verdict).containsExactly(Verdict.INCONCLUSIVE, Verdict.PASS,
                Verdict.INCONCLUSIVE, Verdict.PASS, Verdict.INCONCLUSIVE, Verdict.FAIL);
        assertThat(steady.get(0).reason()).endsWith("; 1 of the last 5 rounds failed, the held rate is lowered at 3");
        assertThat(steady.get(5).reason()).endsWith("; lowering the held rate");
        assertThat(round).isEqualTo(8);
    }

    @Test
    void theHeldRateIsProbedAboveNowAndThenLessOftenWhileItFails() {
        AdaptiveExponentialCalculator calc = new AdaptiveExponentialCalculator(100, 10_000, 200);
        List<Double> rates = run(calc, 600, round -> 1_000);
        double held = calc.capacity().getAsDouble();
        assertThat(held).isBetween(980.0, 1_000.0);
        List<Long> reprobes = calc.probes().stream()
                .filter(p -> p.reason().startsWith("re-probe above the held rate") && p.verdict() == Verdict.FAIL)
                .map(AdaptiveProbe::round).toList();
        // 60 passing steady rounds, then 120, then 240: each re-probe fails (the target did not change).
        assertThat(reprobes).hasSize(3);
        long firstSteady = calc.probes().stream().filter(p -> p.phase().equals("steady")).findFirst().orElseThrow()
                .round();
        assertThat(reprobes.get(0) - firstSteady).isBetween(60L, 64L);
        assertThat(reprobes.get(1) - reprobes.get(0)).isBetween(120L, 126L);
        assertThat(reprobes.get(2) - reprobes.get(1)).isBetween(240L, 246L);
        assertThat(rates.subList(590, 600)).containsOnly(held);
        assertThat(calc.limitedBy()).isEqualTo(CapacityLimit.TARGET);
    }

    @Test
    void aTargetThatGotFasterIsFollowedUp() {
        // 1,000 rps, then 1,300 from round 50 on: the first re-probe passes and the search gallops up.
        AdaptiveExponentialCalculator calc = new AdaptiveExponentialCalculator(100, 10_000, 200);
        run(calc, 160, round -> round < 50 ? 1_000 : 1_300);
        assertThat(calc.capacity().getAsDouble()).isBetween(1_274.0, 1_300.0);
        assertThat(calc.phase()).isEqualTo("steady");
    }

    @Test
    void theMaximumAndTheGeneratorsCeilingAreNotReprobed() {
        AdaptiveExponentialCalculator atMax = new AdaptiveExponentialCalculator(100, 800, 200);
        List<Double> rates = run(atMax, 200, round -> 5_000);
        assertThat(rates.subList(10, 200)).containsOnly(800.0);
        assertThat(atMax.limitedBy()).isEqualTo(CapacityLimit.MAX_RPS);

        // The generator cannot drive more than 600 rps (it drops requests while the target is fine).
        AdaptiveExponentialCalculator generator = new AdaptiveExponentialCalculator(100, 10_000, 200);
        List<Double> planned = new ArrayList<>();
        for (long round = 0; round < 300; round++) {
            double rate = generator.nextRate(round);
            planned.add(rate);
            generator.observe(rate <= 600 ? Obs.at(round, rate).build()
                    : Obs.at(round, rate).dropped(10).p99Ms(900).serviceMs(20).build());
        }
        assertThat(generator.limitedBy()).isEqualTo(CapacityLimit.GENERATOR);
        double held = generator.capacity().getAsDouble();
        assertThat(planned.subList(100, 300)).containsOnly(held);
    }

    @Test
    void recoveryEndsOnTheFirstHealthyRound() {
        AdaptiveExponentialCalculator calc = new AdaptiveExponentialCalculator(100, 10_000, 200);
        run(calc, 40, round -> 1_000);
        List<AdaptiveProbe> recovery = calc.probes().stream().filter(p -> p.phase().equals("recovery")).toList();
        // one healthy round each time (this target keeps no backlog): never a failing recovery round
        assertThat(recovery).isNotEmpty().extracting(AdaptiveProbe::verdict).containsOnly(Verdict.RECOVERY_PASS);
    }

    @Test
    void aTargetThatStaysDownHalvesTheRecoveryRate() {
        AdaptiveExponentialCalculator calc = new AdaptiveExponentialCalculator(100, 10_000, 200);
        // passes up to 1,000 for 20 rounds, then nothing passes at all
        List<Double> rates = run(calc, 60, round -> round < 20 ? 1_000 : 0);
        assertThat(calc.phase()).isEqualTo("recovery");
        List<Double> recoveryRates = new ArrayList<>();
        for (AdaptiveProbe p : calc.probes()) {
            if (p.phase().equals("recovery") && !recoveryRates.contains(p.rate())) {
                recoveryRates.add(p.rate());
            }
        }
        // a quarter of the highest pass, then halved after every five failing rounds, down to 1 rps
        assertThat(recoveryRates.get(recoveryRates.size() - 1)).isLessThan(recoveryRates.get(0) / 4);
        assertThat(rates.get(59)).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void aFailureInTheRunsFirstRoundsIsTriedAgainOnceAfterRecovery() {
        // No warm-up: the first rounds are slow (cold connections, JIT) although the target sustains 20 rps.
        AdaptiveExponentialCalculator calc = new AdaptiveExponentialCalculator(20, 1_000, 200);
        trace(calc, 0,
                row(20, p99(900), 20),    // round 0: slow
                row(20, p99(900), 5),     // round 1: slow again; in the run's first 3 rounds: recovery, then again
                row(5, OK, 20),           // recovered: 20 once more
                row(20, OK, 40));         // it passes: the ramp goes on
        assertThat(calc.probes()).extracting(AdaptiveProbe::verdict).containsExactly(Verdict.INCONCLUSIVE,
                Verdict.INCONCLUSIVE, Verdict.RECOVERY_PASS, Verdict.PASS);
        assertThat(calc.probes().get(1).reason()).endsWith("; in the run's first 3 rounds, where a cold start is no "
                + "capacity limit: trying 20 rps again after recovery");
        assertThat(calc.capacity()).hasValue(20);

        // Once only: a target that really fails at its first rate fails on the second try.
        AdaptiveExponentialCalculator slow = new AdaptiveExponentialCalculator(20, 1_000, 200);
        trace(slow, 0,
                row(20, p99(900), 20), row(20, p99(900), 5),   // first try
                row(5, OK, 20),
                row(20, p99(900), 20), row(20, p99(900), 1));  // second try: a failure; recovery at a quarter of 5
        assertThat(slow.probes()).extracting(AdaptiveProbe::verdict).containsExactly(Verdict.INCONCLUSIVE,
                Verdict.INCONCLUSIVE, Verdict.RECOVERY_PASS, Verdict.INCONCLUSIVE, Verdict.FAIL);
        assertThat(slow.phase()).isEqualTo("recovery");
    }
}
