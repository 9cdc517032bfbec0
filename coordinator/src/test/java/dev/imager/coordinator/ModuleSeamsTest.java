package dev.imager.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.protocol.testing.SourceReferences;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's seams, read from its main sources: the worker module serves local mode only, and Micrometer
 * stays behind {@code CoordinatorMetrics} (so {@code RunOptions}, the embedding API, names no registry type). A
 * new use elsewhere fails here, naming the file.
 */
class ModuleSeamsTest {

    private final SourceReferences main = SourceReferences.mainSources();

    @Test
    void onlyLocalModeUsesTheWorkerModule() {
        assertThat(main.naming("dev.imager.worker"))
                .as("coordinator sources naming dev.imager.worker (only local mode's LocalFleet may)")
                .containsExactly("dev/imager/coordinator/run/LocalFleet.java");
    }

    @Test
    void onlyTheMicrometerAdaptersAndTheMainUseMicrometer() {
        assertThat(main.naming("io.micrometer"))
                .as("coordinator sources naming io.micrometer (only metrics/Micrometer*.java and *Main.java may)")
                .allMatch(file -> file.matches("dev/imager/coordinator/metrics/Micrometer\\w*\\.java")
                        || file.endsWith("Main.java"))
                .contains("dev/imager/coordinator/metrics/MicrometerCoordinatorMetrics.java",
                        "dev/imager/coordinator/metrics/MicrometerPodGauges.java");
    }
}
