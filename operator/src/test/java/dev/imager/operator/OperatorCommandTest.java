package dev.imager.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The operator's flags are checked before it connects to anything; every problem names its flag. */
class OperatorCommandTest {

    private static final List<String> REQUIRED = List.of("--coordinator-image=c", "--worker-image=w",
            "--nats-url=nats://nats:4222");

    private static List<String> problems(String... flags) {
        OperatorCommand command = new OperatorCommand();
        List<String> args = new ArrayList<>(REQUIRED);
        args.addAll(List.of(flags));
        new CommandLine(command).parseArgs(args.toArray(String[]::new));
        return command.problems();
    }

    @Test
    void theDefaultsAndTheChartsValuesAreFine() {
        assertThat(problems()).isEmpty();
        assertThat(problems("--coordinator-listen-port=8099", "--worker-metrics-port=9100", "--health-port=8081",
                "--poll-interval=2s", "--report-hold=60s", "--subject-prefix=team-a.imager", "--nats-auth=password",
                "--nats-auth-secret=s")).isEmpty();
        // blank values are the defaults (imager, none), as NatsAccess reads them
        assertThat(problems("--subject-prefix=", "--nats-auth=")).isEmpty();
        assertThat(problems("--health-port=-1", "--report-hold=0s")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--coordinator-listen-port=0|--coordinator-listen-port: must be 1..65535, got 0",
        "--coordinator-listen-port=70000|--coordinator-listen-port: must be 1..65535, got 70000",
        "--worker-metrics-port=-1|--worker-metrics-port: must be 1..65535, got -1",
        "--health-port=70000|--health-port: must be -1..65535, got 70000",
        "--health-port=-5|--health-port: must be -1..65535, got -5",
        "--poll-interval=0s|--poll-interval: must be > 0, got 0s",
        "--report-hold=-1s|--report-hold: must be >= 0, got -1s",
        "--subject-prefix=a*b|--subject-prefix: must be dot-separated tokens without spaces, '*' or '>' (e.g. imager "
                + "or team-a.imager), got \"a*b\"",
        "--nats-auth=jwt|--nats-auth: must be one of password, creds, token, none, got \"jwt\"",
        "--nats-auth=token|--nats-auth-secret: is required with --nats-auth=token",
    })
    void aBadValueIsAProblemNamingItsFlag(String flag, String problem) {
        assertThat(problems(flag)).containsExactly(problem);
    }

    @Test
    void aBadValueStopsTheOperatorWithExitCode2BeforeItConnects() {
        assertThat(OperatorMain.run("--coordinator-image=c", "--worker-image=w", "--nats-url=nats://nats:4222",
                "--health-port=70000", "--poll-interval=0s")).isEqualTo(2);
    }

    @Test
    void versionPrintsTheVersionNotTheHelp() {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = OperatorMain.run("--version");
        } finally {
            System.setOut(saved);
        }
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("imager operator ").doesNotContain("Usage");
    }

    @Test
    void helpShowsEveryDefaultTheOperatorTakesWhenAFlagIsNotGiven() {
        String help = new CommandLine(new OperatorCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF)
                .replaceAll("\\s+", " ");
        assertThat(help).contains("Of both images. Default: IfNotPresent.",
                "--subject-prefix of the pods. Default: imager.", "Default: none.", "Default: imager-coordinator.",
                "Default: imager-worker.", "Default: token.",
                "--nats-tls of the pods. Default: false.", "The coordinators' -listen-port. Default: 8099.",
                "The workers' --metrics-port. Default: 9100.", "asked for its status. Default: 2s.",
                "to be fetched. Default: 60s.", "Default: 8081.");
    }
}
