package dev.imager.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How many event loops a worker runs when none are asked for, and what the settings refuse. */
class EngineSettingsTest {

    @Test
    void aWorkerLeavesOneCoreToTheRestOfTheProcessButAlwaysHasALoop() {
        assertThat(EngineSettings.defaultEventLoops(1)).isEqualTo(1);
        assertThat(EngineSettings.defaultEventLoops(2)).isEqualTo(1);
        assertThat(EngineSettings.defaultEventLoops(4)).isEqualTo(3);
        assertThat(EngineSettings.defaultEventLoops(64)).isEqualTo(63);
    }

    @Test
    void anEngineNeedsALoopAndRoomForARequestOnEach() {
        assertThatThrownBy(() -> EngineSettings.defaults().withEventLoops(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("event-loops");
        assertThat(EngineSettings.defaults().withMaxInFlight(4).withEventLoops(8).maxInFlight()).isEqualTo(8);
    }
}
