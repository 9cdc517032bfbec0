package dev.imager.coordinator.load.adaptive;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ResolutionTest {

    private static final Offset<Double> EXACT = Offset.offset(1e-9);

    @Test
    void theStepIsRelativeWithAnAbsoluteFloor() {
        Resolution r = Resolution.DEFAULT;
        assertThat(r.step(117)).isCloseTo(2.34, EXACT);    // 2 % of the bracket's bottom
        assertThat(r.step(1_000)).isCloseTo(20, EXACT);
        assertThat(r.step(5_000)).isCloseTo(100, EXACT);
        assertThat(r.step(20)).isCloseTo(1, EXACT);        // 0.4 rps would be below the floor of 1 rps
        assertThat(r.step(0)).isCloseTo(1, EXACT);
        // the original: 10 rps whatever the rate (an 8.5 % step at 117 rps, 0.2 % at 5,000)
        assertThat(Resolution.ORIGINAL.step(117)).isCloseTo(10, EXACT);
        assertThat(Resolution.ORIGINAL.step(5_000)).isCloseTo(10, EXACT);
    }

    @Test
    void probesSitOnAGrainThatNeverHidesAStep() {
        Resolution r = Resolution.DEFAULT;
        assertThat(r.grain(117)).isEqualTo(1);       // a quarter step is 0.6 rps: the floor
        assertThat(r.grain(1_000)).isEqualTo(1);     // 5 rps: the power of ten below it
        assertThat(r.grain(5_000)).isEqualTo(10);    // 25 rps
        assertThat(r.grain(60_000)).isEqualTo(100);  // 300 rps
        assertThat(r.floorToGrain(4_987)).isEqualTo(4_980);
        assertThat(r.ceilToGrain(4_981)).isEqualTo(4_990);
        assertThat(Resolution.ORIGINAL.grain(5_000)).isEqualTo(10);
    }

    @Test
    void convergedWithinTheStep() {
        Resolution r = Resolution.DEFAULT;
        assertThat(r.converged(110, 112)).isTrue();     // 2 <= 2.2
        assertThat(r.converged(110, 113)).isFalse();    // 3 > 2.2
        assertThat(r.converged(1_000, 1_020)).isTrue();
        assertThat(r.converged(1_000, 1_021)).isFalse();
        assertThat(r.converged(10, 11)).isTrue();       // the 1-rps floor
        assertThat(r.converged(50, 40)).isTrue();       // inverted: nothing to probe
    }

    @Test
    void bisectsOnTheGrain() {
        Resolution r = Resolution.DEFAULT;
        assertThat(r.bisect(80, 160)).isEqualTo(120);
        assertThat(r.bisect(110, 113)).isEqualTo(111);
        assertThat(r.bisect(2_560, 5_120)).isEqualTo(3_840);
        assertThat(r.bisect(4_950, 5_120)).isEqualTo(5_030);   // 5,035 on the 10-rps grain
        assertThat(r.bisect(1_000, 1_020)).isNaN();
    }
}
