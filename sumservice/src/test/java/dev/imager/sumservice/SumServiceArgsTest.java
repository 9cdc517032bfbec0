package dev.imager.sumservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SumServiceArgsTest {

    private static SumServiceArgs.Parsed parse(String args, Map<String, String> env) {
        List<String> list = args.isBlank() ? List.of() : Arrays.asList(args.trim().split("\\s+"));
        return SumServiceArgs.parse(list, env);
    }

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void defaultsWithNothingSet() {
        SumServiceArgs.Parsed parsed = parse("", env());
        assertThat(parsed.ok()).isTrue();
        assertThat(parsed.config()).isEqualTo(SumServiceConfig.defaults());
        assertThat(parsed.config().host()).isEqualTo("0.0.0.0");
        assertThat(parsed.config().port()).isEqualTo(8080);
        assertThat(parsed.config().simulationEnabled()).isFalse();
        assertThat(parsed.config().capacityRps()).isZero();
    }

    @Test
    void environmentSetsEverything() {
        SumServiceArgs.Parsed parsed = parse("", env("PORT", "9090", "SUMSERVICE_HOST", "127.0.0.1",
                "SUMSERVICE_CONCURRENCY", "4", "SUMSERVICE_SERVICE_TIME_MS", "20", "SUMSERVICE_MAX_QUEUE", "50"));
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.config()).isEqualTo(new SumServiceConfig("127.0.0.1", 9090, 4, 20, 50));
        assertThat(parsed.config().capacityRps()).isEqualTo(200.0);
    }

    @Test
    void flagsOverrideEnvironmentWithoutParsingTheOverriddenValue() {
        SumServiceArgs.Parsed parsed = parse("--port 7000 --concurrency=2 --service-time-ms 50",
                env("PORT", "not-a-number", "SUMSERVICE_CONCURRENCY", "8", "SUMSERVICE_SERVICE_TIME_MS", "1"));
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.config().port()).isEqualTo(7000);
        assertThat(parsed.config().concurrency()).isEqualTo(2);
        assertThat(parsed.config().serviceTimeMs()).isEqualTo(50);
        assertThat(parsed.config().capacityRps()).isEqualTo(40.0);
    }

    @Test
    void blankEnvironmentValuesCountAsUnset() {
        SumServiceArgs.Parsed parsed = parse("", env("PORT", "", "SUMSERVICE_CONCURRENCY", " ",
                "SUMSERVICE_SERVICE_TIME_MS", ""));
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.config()).isEqualTo(SumServiceConfig.defaults());
    }

    @Test
    void helpIsRecognisedAndUsageListsEveryFlagWithItsVariable() {
        assertThat(parse("--help", env()).helpRequested()).isTrue();
        assertThat(parse("-h", env()).ok()).isFalse();
        assertThat(SumServiceArgs.usage()).contains("--host", "SUMSERVICE_HOST", "--port", "PORT",
                "--concurrency", "SUMSERVICE_CONCURRENCY", "--service-time-ms", "SUMSERVICE_SERVICE_TIME_MS",
                "--max-queue", "SUMSERVICE_MAX_QUEUE");
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                // args, env, every expected problem (each a substring of one reported problem, in order)
                Arguments.of("--port abc", env(), List.of("--port: must be an integer, got \"abc\"")),
                Arguments.of("", env("PORT", "80x"), List.of("PORT: must be an integer, got \"80x\"")),
                Arguments.of("--port 70000", env(), List.of("--port (PORT): must be between 0 and 65535, got 70000")),
                Arguments.of("--port -1", env(), List.of("--port (PORT): must be between 0 and 65535, got -1")),
                Arguments.of("--port", env(), List.of("--port: missing value")),
                Arguments.of("--host=", env(), List.of("--host: must not be empty")),
                Arguments.of("--concurrency 4", env(), List.of(
                        "--concurrency (SUMSERVICE_CONCURRENCY) is set but --service-time-ms")),
                Arguments.of("", env("SUMSERVICE_SERVICE_TIME_MS", "20"), List.of(
                        "--service-time-ms (SUMSERVICE_SERVICE_TIME_MS) is set but --concurrency")),
                Arguments.of("--concurrency 0 --service-time-ms 20", env(), List.of(
                        "--concurrency (SUMSERVICE_CONCURRENCY): must be positive, got 0")),
                Arguments.of("--concurrency 4 --service-time-ms -5", env(), List.of(
                        "--service-time-ms (SUMSERVICE_SERVICE_TIME_MS): must be positive, got -5")),
                Arguments.of("--concurrency four --service-time-ms 20", env(), List.of(
                        "--concurrency: must be an integer, got \"four\"")),
                Arguments.of("", env("SUMSERVICE_CONCURRENCY", "4", "SUMSERVICE_SERVICE_TIME_MS", "2.5"), List.of(
                        "SUMSERVICE_SERVICE_TIME_MS: must be an integer, got \"2.5\"")),
                Arguments.of("--max-queue 0", env(), List.of(
                        "--max-queue (SUMSERVICE_MAX_QUEUE): must be positive, got 0")),
                Arguments.of("--verbose", env(), List.of("unknown option --verbose")),
                Arguments.of("8080", env(), List.of("unexpected argument \"8080\"")),
                // every problem at once, not just the first
                Arguments.of("--port x --concurrency 0 --max-queue -1 --bogus", env(), List.of(
                        "unknown option --bogus",
                        "--port: must be an integer, got \"x\"",
                        "--service-time-ms (SUMSERVICE_SERVICE_TIME_MS) is not",
                        "--concurrency (SUMSERVICE_CONCURRENCY): must be positive, got 0",
                        "--max-queue (SUMSERVICE_MAX_QUEUE): must be positive, got -1")));
    }

    @ParameterizedTest(name = "[{index}] args \"{0}\" env {1}")
    @MethodSource("badSettings")
    void reportsEveryProblemNamingItsFlagOrVariable(String args, Map<String, String> env, List<String> expected) {
        SumServiceArgs.Parsed parsed = parse(args, env);
        assertThat(parsed.ok()).isFalse();
        assertThat(parsed.problems()).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(parsed.problems().get(i)).contains(expected.get(i));
        }
    }

    @Test
    void mainExitsWithUsageCodeAndPrintsEveryProblem() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SumServiceMain.run(new String[] {"--concurrency", "4", "--port", "x"}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(SumServiceMain.EXIT_USAGE).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--port: must be an integer, got \"x\"")
                .contains("--concurrency (SUMSERVICE_CONCURRENCY) is set but --service-time-ms")
                .contains("--help");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void mainPrintsHelpAndExitsZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = SumServiceMain.run(new String[] {"--help"}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(code).isEqualTo(SumServiceMain.EXIT_OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage:");
    }
}
