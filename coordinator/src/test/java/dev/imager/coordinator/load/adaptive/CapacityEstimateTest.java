package dev.imager.coordinator.load.adaptive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.load.AdaptiveProbe;
import dev.imager.coordinator.load.Obs;
import dev.imager.coordinator.load.RoundObservation;
import dev.imager.protocol.latency.LatencySnapshot;
import dev.imager.protocol.message.OutcomeCounts;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class CapacityEstimateTest {

    private static RoundObservation round(double rate, long planned, long... latencyMicros) {
        return new RoundObservation(0, rate, planned, new OutcomeCounts(planned, 0, 0, 0, 0, 0, 0), 0, Map.of(200, planned),
                LatencySnapshot.ofMicros(latencyMicros), LatencySnapshot.ofMicros(latencyMicros), LatencySnapshot.empty(),
                false);
    }

    @Test
    void aFirstComeFirstServedQueueGivesAwayItsCapacity() {
        // 400 rps for 1 s at a 200 rps server: the last request waits a second more than the healthy 20 ms.
        assertThat(CapacityEstimate.fromOverload(round(400, 400, 20_000, 500_000, 1_020_000), 20_000).getAsDouble())
                .isCloseTo(200, Offset.offset(1.0));
        // 300 rps for 0.5 s at a 250 rps server: behind by 50/s, the last waits (300/250 - 1) * 0.5 = 0.1 s more.
        assertThat(CapacityEstimate.fromOverload(round(300, 150, 10_000, 110_000), 10_000).getAsDouble())
                .isCloseTo(250, Offset.offset(1.0));
    }

    @Test
    void saysNothingWhenTheRoundShowsNoQueue() {
        // fast failures (errors, no waiting): the estimate would be the rate itself
        assertThat(CapacityEstimate.fromOverload(round(400, 400, 1_000, 2_000), 1_000)).isEmpty();
        // nothing measured
        assertThat(CapacityEstimate.fromOverload(round(400, 400), 1_000)).isEmpty();
        assertThat(CapacityEstimate.fromOverload(round(0, 0), 1_000)).isEmpty();
    }

    @Test
    void theSearchLooksNearTheEstimateFirst() {
        AdaptiveExponentialCalculator calc = new AdaptiveExponentialCalculator(100, 1_000, 100);
        long r = 0;
        assertThat(calc.nextRate(r)).isEqualTo(100);
        calc.observe(round(100, 100, 20_000, 22_000));                          // 100 passes
        assertThat(calc.nextRate(++r)).isEqualTo(200);
        calc.observe(new RoundObservation(r, 200, 200, new OutcomeCounts(200, 0, 0, 0, 0, 0, 0), 0, Map.of(),
                LatencySnapshot.ofMicros(20_000, 25_000), LatencySnapshot.empty(), LatencySnapshot.empty(), false));
        assertThat(calc.nextRate(++r)).isEqualTo(400);                          // 200 passes
        for (int confirm = 0; confirm < 2; confirm++) {                         // 400 fails twice: queue of ~1 s
            calc.observe(new RoundObservation(r, 400, 400, new OutcomeCounts(400, 0, 0, 0, 0, 0, 0), 0, Map.of(),
                    LatencySnapshot.ofMicros(25_000, 600_000, 1_025_000), LatencySnapshot.empty(), LatencySnapshot.empty(),
                    false));
            calc.nextRate(++r);
        }
        assertThat(calc.nextRate(r)).isEqualTo(1);                              // recovery
        calc.observe(new RoundObservation(r, 1, 1, new OutcomeCounts(1, 0, 0, 0, 0, 0, 0), 0, Map.of(),
                LatencySnapshot.ofMicros(20_000), LatencySnapshot.empty(), LatencySnapshot.empty(), false));
        // The failing round said ~205 rps, so the search looks up to 230 first instead of bisecting to 300.
        assertThat(calc.nextRate(++r)).isEqualTo(210);
    }
}
