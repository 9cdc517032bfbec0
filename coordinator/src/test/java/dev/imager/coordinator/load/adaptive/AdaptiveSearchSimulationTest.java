package dev.imager.coordinator.load.adaptive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.load.AdaptiveProbe;
import dev.imager.coordinator.load.Obs;
import dev.imager.coordinator.load.RoundObservation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The adaptive search against a fake target, with results arriving two rounds after a round is
 * planned (as in a real run: one round in flight, one being reported).
 *
 * <p>Semantics checked: the search converges to the highest tested passing rate, which is within
 * {@value AdaptiveExponentialCalculator#SEARCH_GRANULARITY_RPS} rps below the true capacity, and
 * holds it.
 */
class AdaptiveSearchSimulationTest {

    /** Fake target: p99 20 ms up to {@code capacity} rps, 2 s above it. */
    record Target(double capacity, boolean inclusive) {
        RoundObservation observe(long round, double rate) {
            boolean overloaded = inclusive ? rate > capacity : rate >= capacity;
            return Obs.at(round, rate).p99Ms(overloaded ? 2_000 : 20).build();
        }
    }

    record Run(List<Double> rates, AdaptiveExponentialCalculator calculator) {
        /** The distinct rates in planning order (consecutive repeats collapsed). */
        List<Double> decisions() {
            List<Double> out = new ArrayList<>();
            for (double r : rates) {
                if (out.isEmpty() || out.get(out.size() - 1) != r) {
                    out.add(r);
                }
            }
            return out;
        }
    }

    static Run simulate(Target target, int rounds, int lag) {
        AdaptiveExponentialCalculator calc = new AdaptiveExponentialCalculator(10, 500, 200);
        Deque<RoundObservation> inFlight = new ArrayDeque<>();
        List<Double> rates = new ArrayList<>();
        for (long round = 0; round < rounds; round++) {
            double rate = calc.nextRate(round);
            assertThat(rate).isBetween(0.0, 500.0);
            rates.add(rate);
            inFlight.addLast(target.observe(round, rate));
            if (inFlight.size() > lag) {
                calc.observe(inFlight.removeFirst());
            }
        }
        return new Run(rates, calc);
    }

    @Test
    void capacity265ConvergesTo260AndHoldsIt() {
        Run run = simulate(new Target(265, true), 200, 2);
        // The spec's illustration, without the original's recovery round after a passing probe.
        assertThat(run.decisions()).containsExactly(10.0, 20.0, 40.0, 80.0, 160.0, 320.0, 1.0, 240.0, 280.0, 1.0,
                260.0, 270.0, 1.0, 260.0);
        assertThat(run.rates().subList(100, 200)).containsOnly(260.0);
        AdaptiveExponentialCalculator calc = run.calculator();
        assertThat(calc.phase()).isEqualTo("steady");
        assertThat(calc.capacity()).hasValue(260);
        assertThat(calc.limitedBy()).isEqualTo(CapacityLimit.TARGET);
        assertThat(calc.ignoredObservations()).isPositive();
        // No phantom decisions: every stored probe's rate is a rate that was planned from that round on.
        for (AdaptiveProbe probe : calc.probes()) {
            assertThat(run.rates().get((int) probe.round())).isEqualTo(probe.rate());
        }
    }

    @Test
    void capacity200InclusiveConvergesTo200() {
        // 200 rps itself is sustained: the highest tested passing rate is 200, the first failure 210.
        Run run = simulate(new Target(200, true), 200, 2);
        assertThat(run.decisions()).containsExactly(10.0, 20.0, 40.0, 80.0, 160.0, 320.0, 1.0, 240.0, 1.0, 200.0,
                220.0, 1.0, 210.0, 1.0, 200.0);
        assertThat(run.calculator().capacity()).hasValue(200);
        assertThat(run.rates().subList(150, 200)).containsOnly(200.0);
    }

    @Test
    void capacityJustBelow200ConvergesTo190() {
        // 200 rps already fails: the answer is 190, still within 10 rps below the true capacity.
        Run run = simulate(new Target(200, false), 200, 2);
        assertThat(run.calculator().capacity()).hasValue(190);
        assertThat(run.calculator().describeCapacity()).isEqualTo("capacity 190 rps (the target fails at 200 rps)");
        assertThat(run.rates().subList(150, 200)).containsOnly(190.0);
    }

    @Test
    void theLagDoesNotChangeTheOutcome() {
        for (int lag = 0; lag <= 4; lag++) {
            Run run = simulate(new Target(265, true), 300, lag);
            assertThat(run.calculator().capacity()).as("lag %d", lag).hasValue(260);
            assertThat(run.decisions()).as("lag %d", lag).containsExactly(10.0, 20.0, 40.0, 80.0, 160.0, 320.0, 1.0,
                    240.0, 280.0, 1.0, 260.0, 270.0, 1.0, 260.0);
        }
    }

    @Test
    void aSlowerTargetIsFollowedDownInSteady() {
        AdaptiveExponentialCalculator calc = new AdaptiveExponentialCalculator(10, 500, 200);
        Deque<RoundObservation> inFlight = new ArrayDeque<>();
        Target target = new Target(265, true);
        double rate = 0;
        for (long round = 0; round < 400; round++) {
            if (round == 200) {
                target = new Target(225, true);   // e.g. a replica went away
            }
            rate = calc.nextRate(round);
            inFlight.addLast(target.observe(round, rate));
            if (inFlight.size() > 2) {
                calc.observe(inFlight.removeFirst());
            }
        }
        assertThat(rate).isEqualTo(220);
        assertThat(calc.capacity()).hasValue(220);
        assertThat(calc.phase()).isEqualTo("steady");
    }
}
