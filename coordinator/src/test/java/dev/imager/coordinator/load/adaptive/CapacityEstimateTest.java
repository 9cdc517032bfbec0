package dev.imager.coordinator.load.adaptive;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class CapacityEstimateTest {

    @Test
    void aFirstComeFirstServedQueueGivesAwayItsCapacity() {
        // 400 rps for 1 s at a 200 rps server: the latency climbs from 20 ms to 1,020 ms, the median sits half-way.
        assertThat(CapacityEstimate.fromOverload(ShapedRounds.climbing(0, 400, 20, 1_020), 20_000).getAsDouble())
                .isCloseTo(200, Offset.offset(2.0));
        // 1,040 rps at a 1,000 rps server: 40 ms of climb in the round
        assertThat(CapacityEstimate.fromOverload(ShapedRounds.climbing(0, 1_040, 10, 50), 10_000).getAsDouble())
                .isCloseTo(1_000, Offset.offset(2.0));
    }

    @Test
    void readsTheRoundLengthFromThePlan() {
        // 300 rps for 0.5 s (150 requests) at a 250 rps server: behind by 50/s, the last waits 0.1 s more.
        var halfSecond = ShapedRounds.partial(ShapedRounds.climbing(0, 150, 10, 110), 300, 150, null);
        assertThat(CapacityEstimate.fromOverload(halfSecond, 10_000).getAsDouble()).isCloseTo(250, Offset.offset(2.0));
    }

    @Test
    void theRecordedRampFailureOnThisMachine() {
        // A real run (sumservice 10 slots x 10 ms = 1,000 rps, wrk's closed-loop maximum 994 rps): 640 rps passed
        // with a median of 10.5 ms, then 1,280 rps recorded p50 152.3, p90 265.5, p99 290.3, max 293.4 ms.
        var round = ShapedRounds.recorded(16, 1_280, 1_280, 10, 152.3, 265.5, 290.3, 293.4, 21.9);
        assertThat(CapacityEstimate.fromOverload(round, 10_511).getAsDouble()).isCloseTo(1_000, Offset.offset(10.0));
    }

    @Test
    void aWallAfterTheGeneratorWasLateIsNoQueue() {
        // Recorded on this machine (sumservice 25 x 5 ms = 5,000 rps, wrk 4,803 rps): 5,120 rps after 2,560 passed
        // with a median of 5.25 ms. The generator started the round 125 ms late and the burst that followed kept
        // most requests near 100 ms: p50 97.0, p90 110.9, p99 187.6 ms. Read as a climbing queue its median would
        // say 4,326 rps (-13 %); the p90 is not on that line, so there is no estimate.
        var round = ShapedRounds.recorded(17, 5_120, 5_120, 5.3, 97.023, 110.911, 187.647, 208.639, 125.759, 106.879);
        assertThat(CapacityEstimate.fromOverload(round, 5_251)).isEmpty();
    }

    @Test
    void saysNothingWhenTheRoundShowsNoQueue() {
        // fast failures (errors, no waiting): nothing climbed
        assertThat(CapacityEstimate.fromOverload(ShapedRounds.climbing(0, 400, 1, 2), 1_000)).isEmpty();
        // a blip: a few slow requests, the median where it was
        assertThat(CapacityEstimate.fromOverload(ShapedRounds.recorded(0, 400, 400, 10, 10.5, 11, 150, 160, 0), 10_000))
                .isEmpty();
        // a flat wall of slow responses (a stalled target, timeouts): no queue shape either
        assertThat(CapacityEstimate.fromOverload(ShapedRounds.climbing(0, 400, 2_000, 2_000), 10_000)).isEmpty();
        // nothing measured
        assertThat(CapacityEstimate.fromOverload(ShapedRounds.climbing(0, 0, 0, 0), 1_000)).isEmpty();
    }

    @Test
    void theSearchProbesNextToTheEstimate() {
        AdaptiveExponentialCalculator calc = new AdaptiveExponentialCalculator(50, 1_000, 100);
        assertThat(calc.nextRate(0)).isEqualTo(50);
        calc.observe(ShapedRounds.climbing(0, 50, 20, 22));            // 50 passes
        assertThat(calc.nextRate(1)).isEqualTo(100);
        calc.observe(ShapedRounds.climbing(1, 100, 20, 22));           // 100 passes
        assertThat(calc.nextRate(2)).isEqualTo(200);
        calc.observe(ShapedRounds.climbing(2, 200, 20, 22));           // 200 passes
        assertThat(calc.nextRate(3)).isEqualTo(400);
        calc.observe(ShapedRounds.climbing(3, 400, 20, 1_020));        // 400: a queue of a second builds
        assertThat(calc.nextRate(4)).isEqualTo(400);                   // one failing round is not enough ...
        calc.observe(ShapedRounds.climbing(4, 400, 1_020, 1_900));     // ... it keeps building: a failure
        assertThat(calc.nextRate(5)).isEqualTo(50);                    // recovery at a quarter of 200
        calc.observe(ShapedRounds.climbing(5, 50, 20, 22));
        // The failing round said 200 rps, where 200 already passed: the search probes one step (2 %) above it, not
        // the midpoint (300) of 200..400.
        assertThat(calc.nextRate(6)).isEqualTo(204);
    }

    @Test
    void aMedianRisingFromRoundToRoundGivesTheCapacity() {
        // 2.4 % above a capacity of 5,000: the queue grows 24 ms of work every second.
        assertThat(CapacityEstimate.fromRise(5_120, 24_000, 1e6).getAsDouble()).isCloseTo(5_000, Offset.offset(1.0));
        assertThat(CapacityEstimate.fromRise(5_120, 0, 1e6)).isEmpty();
        // Rising more than a round a round: over twice the capacity, a stall rather than a queue served at pace.
        assertThat(CapacityEstimate.fromRise(5_120, 1_200_000, 1e6)).isEmpty();
        // A rise too small to place the capacity below the rate by half a percent says nothing.
        assertThat(CapacityEstimate.fromRise(5_120, 2_000, 1e6)).isEmpty();
    }

    @Test
    void theClimbInsideOneRoundGivesTheCapacityWhateverBacklogItStartedOn() {
        // 5,120 rps at a 5,000 rps server: 24 ms of climb in the round, on top of 100 ms of backlog left by a burst.
        assertThat(CapacityEstimate.fromSlope(ShapedRounds.climbing(0, 5_120, 100, 124), 5_200).getAsDouble())
                .isCloseTo(5_000, Offset.offset(10.0));
        // Recorded on this machine (sumservice 25 x 5 ms; wrk 4,982 rps): the ramp's second round at 5,120 rps,
        // sent on time (send-lag p99 3.2 ms) on the backlog of a first round sent 72 ms late: service time p50
        // 107.8, p90 117.4, p99 119.7 ms. Neither its first round nor two rounds of rise placed it; its spread does.
        var round = ShapedRounds.recordedClimb(18, 5_120, 5_120, 108.031, 117.439, 119.807, 129.663, 3.171, 119.743);
        assertThat(CapacityEstimate.fromSlope(round, 5_199).getAsDouble()).isCloseTo(5_000, Offset.offset(25.0));
        // Another, on a busier machine: a few requests of the round held up 30 ms more by a stall (p99 118.8 ms far
        // off the line through p50 79.3 and p90 89.0): the climb is read between p10 and p90.
        var stalled = ShapedRounds.recordedClimb(18, 5_120, 5_120, 79.487, 89.215, 119.935, 131.0, 3.179, 118.783);
        assertThat(CapacityEstimate.fromSlope(stalled, 5_219).getAsDouble()).isCloseTo(5_000, Offset.offset(25.0));
    }

    @Test
    void aSpreadThatIsNoClimbSaysNothing() {
        // service times that merely vary (skewed: p10 8, p50 10, p90 30 ms): no line
        assertThat(CapacityEstimate.fromSlope(ShapedRounds.recorded(0, 400, 400, 7.5, 10, 30, 60, 80, 0.5), 10_000))
                .isEmpty();
        // evenly spread service times (0 to 20 ms) around the healthy median: a line, but no queue under it
        assertThat(CapacityEstimate.fromSlope(ShapedRounds.climbing(0, 400, 0, 20), 10_000)).isEmpty();
        // the generator sent the round late (send-lag p99 30 ms): a burst is a climb of its making
        assertThat(CapacityEstimate.fromSlope(
                ShapedRounds.recordedClimb(0, 5_120, 5_120, 108, 117.4, 119.8, 129.7, 30, 119.8), 5_200)).isEmpty();
        // no rise at all, and nothing measured
        assertThat(CapacityEstimate.fromSlope(ShapedRounds.climbing(0, 400, 50, 50), 10_000)).isEmpty();
        assertThat(CapacityEstimate.fromSlope(ShapedRounds.climbing(0, 0, 0, 0), 1_000)).isEmpty();
    }
}
