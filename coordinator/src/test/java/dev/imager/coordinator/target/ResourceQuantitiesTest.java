package dev.imager.coordinator.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceQuantitiesTest {

    @ParameterizedTest(name = "cpu {0} -> {1}m")
    @CsvSource({
            // whole millicores
            "250m, 250",
            // 250.5 millicores rounds up
            "250500u, 251",
            // 0.0015 millicores still counts as 1
            "1500n, 1",
            // exactly one millicore in nanocores
            "1000000n, 1",
            // whole and fractional cores
            "2, 2000",
            "0.1, 100",
            // zero stays zero
            "0, 0",
    })
    void cpuMillicoresRoundUp(String quantity, long expected) {
        assertThat(ResourceQuantities.cpuMillicores(Map.of("cpu", new Quantity(quantity)))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "memory {0} -> {1}")
    @CsvSource({
            "64Mi, 67108864",
            "1Ki, 1024",
            "1Gi, 1073741824",
            // decimal SI suffix
            "128M, 128000000",
            "123456, 123456",
    })
    void memoryBytes(String quantity, long expected) {
        assertThat(ResourceQuantities.memoryBytes(Map.of("memory", new Quantity(quantity)))).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void missingUsageIsZero() {
        assertThat(ResourceQuantities.cpuMillicores(Map.of())).isZero();
        assertThat(ResourceQuantities.memoryBytes(null)).isZero();
    }
}
