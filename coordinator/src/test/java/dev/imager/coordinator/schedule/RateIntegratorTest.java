package dev.imager.coordinator.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateIntegratorTest {

    private static List<Long> counts(long intervalMillis, double... rates) {
        RateIntegrator integrator = new RateIntegrator(intervalMillis * 1_000_000L);
        List<Long> counts = new ArrayList<>();
        for (double r : rates) {
            counts.add(integrator.next(r));
        }
        return counts;
    }

    @Test
    void countsAreTheIntegralOfTheRate() {
        // whole rates in 1 s rounds: the rate itself
        assertThat(counts(1_000, 10, 20, 30)).containsExactly(10L, 20L, 30L);
        // fractional rates carry over: 2.5 rps -> 2, 3, 2, 3
        assertThat(counts(1_000, 2.5, 2.5, 2.5, 2.5)).containsExactly(2L, 3L, 2L, 3L);
        // sub-second rounds: 3 rps in 500 ms rounds -> 1, 2, 1, 2 (the original planned 0 here)
        assertThat(counts(500, 3, 3, 3, 3)).containsExactly(1L, 2L, 1L, 2L);
        // a rate below one request per round still sends, every few rounds: 0.4 rps
        assertThat(counts(1_000, 0.4, 0.4, 0.4, 0.4, 0.4)).containsExactly(0L, 0L, 1L, 0L, 1L);
        // zero stays zero
        assertThat(counts(1_000, 0, 0)).containsExactly(0L, 0L);
    }

    @Test
    void totalsStayExactOverLongRuns() {
        RateIntegrator integrator = new RateIntegrator(1_000_000_000L);
        long sum = 0;
        for (int i = 0; i < 100_000; i++) {
            sum += integrator.next(1.1);
        }
        assertThat(sum).isEqualTo(110_000);
        assertThat(integrator.plannedSoFar()).isEqualTo(110_000);
    }

    @Test
    void rejectsRatesThatAreNotNumbers() {
        RateIntegrator integrator = new RateIntegrator(1_000_000_000L);
        assertThatThrownBy(() -> integrator.next(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> integrator.next(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> integrator.next(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }
}
