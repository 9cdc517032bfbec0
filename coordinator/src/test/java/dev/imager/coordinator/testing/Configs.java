package dev.imager.coordinator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.config.CoordinatorCommand;
import dev.imager.coordinator.config.CoordinatorConfig;
import dev.imager.coordinator.config.ParseResult;
import dev.imager.protocol.cli.EnvironmentDefaults;
import java.util.Map;

/** Coordinator configurations for tests, written as the flags a user would type. */
public final class Configs {

    private Configs() {
    }

    /** Parses {@code args} (ignoring the test process's environment) and insists they are valid. */
    public static CoordinatorConfig parse(String... args) {
        ParseResult result = CoordinatorCommand.parse(new EnvironmentDefaults(Map.of()), args);
        assertThat(result).as("flags %s: %s", String.join(" ", args), result).isInstanceOf(ParseResult.Valid.class);
        return ((ParseResult.Valid) result).config();
    }
}
