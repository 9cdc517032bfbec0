package dev.imager.coordinator.target;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imager.coordinator.config.Sections;
import org.junit.jupiter.api.Test;

class TargetResolversTest {

    @Test
    void createRejectsInvalidSettingsWithAllProblems() {
        assertThatThrownBy(() -> TargetResolvers.create(Sections.pod("", "", "http", ""), () -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid target settings: -target-namespace: is required in pod mode; "
                        + "-target-deployment: is required in pod mode");
    }
}
