package dev.imager.coordinator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.config.CoordinatorConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code coordinator.load.model} and {@code thinkTime}: rendered by a real {@code helm} as {@code --model} and
 * {@code --think-time}, read back by the coordinator's own parser; a think time without the closed model, or a model
 * that is neither, refused naming the value.
 */
class HelmLoadModelIT {

    @RegisterExtension
    static final PreparedChart CHART = new PreparedChart();

    @Test
    void theClosedModelRunsVirtualUsers() throws IOException {
        CoordinatorConfig open = ProgramArgs.coordinator(CHART.chart().render("imager", "imager", "{}\n")
                .container("coordinator"));
        assertThat(open.load().model().closed()).isFalse();
        CoordinatorConfig closed = ProgramArgs.coordinator(CHART.chart().render("imager", "imager", """
                coordinator:
                  load:
                    model: closed
                    thinkTime: 250ms
                    calculator: step
                    minRps: 5
                    maxRps: 50
                    stepRps: 5
                """).container("coordinator"));
        assertThat(closed.load().model().closed()).isTrue();
        assertThat(closed.load().model().thinkTime()).isEqualTo(Duration.ofMillis(250));
        assertThat(List.of(closed.load().minRps(), closed.load().maxRps())).as("user counts").containsExactly(5L, 50L);
    }

    @Test
    void aThinkTimeNeedsTheClosedModel() throws IOException {
        assertThat(CHART.chart().refused("coordinator:\n  load:\n    thinkTime: 1s\n"))
                .contains("coordinator.load.thinkTime (1s) needs coordinator.load.model=closed");
        assertThat(CHART.chart().refused("coordinator:\n  load:\n    model: users\n"))
                .contains("coordinator.load.model: coordinator.load.model must be one of the following: \"open\", \"closed\"");
    }
}
