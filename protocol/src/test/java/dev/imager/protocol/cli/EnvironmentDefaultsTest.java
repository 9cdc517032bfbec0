package dev.imager.protocol.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.protocol.transport.NatsFlags;
import dev.imager.protocol.transport.NatsSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class EnvironmentDefaultsTest {

    @Command(modelTransformer = DashForms.class)
    static final class TestCommand {
        @Mixin
        NatsFlags nats = new NatsFlags();

        @Option(names = "--max-inflight", defaultValue = "10")
        int maxInflight;

        @Option(names = "-min-rps", defaultValue = "1")
        int minRps;
    }

    private static TestCommand parse(Map<String, String> env, String... args) {
        TestCommand c = new TestCommand();
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
        // An option declared with one dash reads the same variable; either spelling on the line wins.
        assertThat(parse(Map.of("IMAGER_MIN_RPS", "5")).minRps).isEqualTo(5);
        assertThat(parse(Map.of("IMAGER_MIN_RPS", "5"), "--min-rps=6").minRps).isEqualTo(6);
        assertThat(parse(Map.of("IMAGER_MAX_INFLIGHT", "20"), "-max-inflight=40").maxInflight).isEqualTo(40);
    }

    @Test
    void natsFlagsComeFromTheEnvironmentToo() {
        TestCommand c = parse(Map.of("IMAGER_NATS_URL", "nats://nats.imager:4222", "IMAGER_NATS_TOKEN", "s3cret",
                "IMAGER_NATS_CONNECT_TIMEOUT", "5s", "IMAGER_SUBJECT_PREFIX", "load"));
        FlagBinder binder = new FlagBinder();
        NatsSettings settings = c.nats.bind(binder);
        assertThat(binder.problems()).isEmpty();
        assertThat(settings.servers()).isEqualTo("nats://nats.imager:4222");
        assertThat(settings.token()).isEqualTo("s3cret");
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.toString()).doesNotContain("s3cret");
        assertThat(settings.subjects().jobs()).isEqualTo("load.jobs");
    }
}
