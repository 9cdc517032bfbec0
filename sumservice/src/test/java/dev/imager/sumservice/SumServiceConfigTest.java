package dev.imager.sumservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

class SumServiceConfigTest {

    /** The capacity the simulation serves and {@code /metrics} reports as {@code sumservice_simulated_capacity_rps}. */
    @Test
    void capacityIsConcurrencyOverServiceTime() {
        assertThat(SumServiceConfig.defaults().withSimulation(4, 20).capacityRps()).isEqualTo(200.0);
        assertThat(SumServiceConfig.defaults().withSimulation(1, 3).capacityRps())
                .isCloseTo(333.333, offset(0.001));
    }
}
