package dev.imager.protocol.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class EnvironmentDefaultsTest {

    static final class Command {
        @Mixin
        NatsOptions nats;

        @Option(names = "--max-inflight", defaultValue = "10")
        int maxInflight;
    }

    private static Command parse(Map<String, String> env, String... args) {
        Command c = new Command();
        new CommandLine(c).setDefaultValueProvider(new EnvironmentDefaults(env)).parseArgs(args);
        return c;
    }

    @Test
    void mapsOptionNamesToImagerVariables() {
        assertThat(EnvironmentDefaults.variableFor("--max-inflight")).isEqualTo("IMAGER_MAX_INFLIGHT");
        assertThat(EnvironmentDefaults.variableFor("-min-rps")).isEqualTo("IMAGER_MIN_RPS");
    }

    @Test
    void flagBeatsVariableBeatsDefault() {
        assertThat(parse(Map.of()).maxInflight).isEqualTo(10);
        assertThat(parse(Map.of("IMAGER_MAX_INFLIGHT", "20")).maxInflight).isEqualTo(20);
        assertThat(parse(Map.of("IMAGER_MAX_INFLIGHT", "20"), "--max-inflight", "30").maxInflight).isEqualTo(30);
    }

    @Test
    void natsOptionsComeFromTheEnvironmentToo() {
        Command c = parse(Map.of("IMAGER_NATS_URL", "nats://nats.imager:4222", "IMAGER_NATS_TOKEN", "s3cret",
                "IMAGER_NATS_CONNECT_TIMEOUT", "5s", "IMAGER_SUBJECT_PREFIX", "load"));
        var settings = c.nats.settings("test");
        assertThat(settings.servers()).isEqualTo("nats://nats.imager:4222");
        assertThat(settings.token()).isEqualTo("s3cret");
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.toString()).doesNotContain("s3cret");
        assertThat(c.nats.subjects().jobs()).isEqualTo("load.jobs");
    }
}
