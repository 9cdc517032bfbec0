package dev.imager.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.protocol.testing.SourceReferences;
import org.junit.jupiter.api.Test;

/** The worker's metrics seam, read from its main sources: Micrometer stays behind {@code WorkerMetrics}. */
class ModuleSeamsTest {

    @Test
    void onlyTheMicrometerAdapterAndTheMainUseMicrometer() {
        assertThat(SourceReferences.mainSources().naming("io.micrometer"))
                .as("worker sources naming io.micrometer (only metrics/Micrometer*.java and WorkerMain may)")
                .allMatch(file -> file.matches("dev/imager/worker/metrics/Micrometer\\w*\\.java")
                        || file.equals("dev/imager/worker/WorkerMain.java"))
                .contains("dev/imager/worker/metrics/MicrometerWorkerMetrics.java");
    }
}
