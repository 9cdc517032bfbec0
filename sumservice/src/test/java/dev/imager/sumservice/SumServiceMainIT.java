package dev.imager.sumservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real command line in a child JVM: the shaded jar when the build has produced it (as in
 * {@code mvn verify}), else the main class on the test classpath (as in an IDE). Checks the startup line,
 * serving, SIGTERM handling and the exit codes.
 */
@Timeout(120)
class SumServiceMainIT {

    private static final Pattern LISTENING = Pattern.compile("sumservice listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * A child JVM whose merged stdout/stderr goes to a file: reading a pipe races with the JVM draining it
     * when the child exits, which loses the last lines (the shutdown messages this test looks for).
     */
    private static final class Child implements AutoCloseable {
        final Process process;
        final Path log;

        Child(Path dir, Map<String, String> env, String... args) throws IOException {
            log = Files.createTempFile(dir, "sumservice", ".log");
            ProcessBuilder builder = new ProcessBuilder(command(args))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(k -> k.equals("PORT") || k.startsWith("SUMSERVICE_"));
            builder.environment().putAll(env);
            process = builder.start();
        }

        String output() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }

        /** Waits for the startup line and returns the port it names. */
        int awaitPort() throws IOException {
            await().atMost(START_TIMEOUT).until(() -> LISTENING.matcher(output()).find() || !process.isAlive());
            Matcher m = LISTENING.matcher(output());
            assertThat(m.find()).as("startup line; output:%n%s", output()).isTrue();
            return Integer.parseInt(m.group(1));
        }

        int awaitExit() throws Exception {
            assertThat(process.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .as("exited in time; output so far:%n%s", output()).isTrue();
            return process.exitValue();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private static List<String> command(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Start fast and small: this JVM serves a handful of requests.
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m"));
        Optional<Path> jar = shadedJar();
        if (jar.isPresent()) {
            command.addAll(List.of("-jar", jar.get().toString()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), SumServiceMain.class.getName()));
        }
        command.addAll(List.of(args));
        return command;
    }

    private static Optional<Path> shadedJar() throws IOException {
        Path target = Path.of(System.getProperty("basedir", "."), "target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("imager-sumservice-.*-all\\.jar")).findFirst();
        }
    }

    @TempDir
    Path tempDir;

    @Test
    void startsFromTheEnvironmentServesAndStopsOnSigterm() throws Exception {
        try (Child child = new Child(tempDir, Map.of("PORT", "0", "SUMSERVICE_CONCURRENCY", "4",
                "SUMSERVICE_SERVICE_TIME_MS", "20"), "--host", "127.0.0.1")) {
            int port = child.awaitPort();
            assertThat(child.output()).contains(
                    "capacity simulation on: concurrency 4, service time 20 ms, capacity 200 rps");

            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/healthz")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).isEqualTo("ok");
            HttpResponse<String> sum = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/sum?a=7&b=9")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(sum.statusCode()).isEqualTo(200);
            assertThat(sum.body()).isEqualTo("{\"a\":7,\"b\":9,\"sum\":16}\n");

            child.process.destroy(); // SIGTERM
            int code = child.awaitExit();
            assertThat(code).as("the JVM's status after SIGTERM").isEqualTo(128 + 15);
            assertThat(child.output()).contains("sumservice stopping", "sumservice stopped");
            // Every process logs in one format (simplelogger.properties): date, time and offset first.
            assertThat(child.output().lines().filter(l -> l.endsWith("sumservice stopped"))).singleElement()
                    .asString().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) INFO .*");
        }
    }

    @Test
    void invalidArgumentsExitWithCode2AndNameEveryProblem() throws Exception {
        try (Child child = new Child(tempDir, Map.of("SUMSERVICE_SERVICE_TIME_MS", "abc"), "--concurrency", "0", "--port", "x")) {
            assertThat(child.awaitExit()).isEqualTo(SumServiceMain.EXIT_USAGE);
            assertThat(child.output()).contains(
                    "--port: must be an integer, got \"x\"",
                    "SUMSERVICE_SERVICE_TIME_MS: must be an integer, got \"abc\"",
                    "--concurrency (SUMSERVICE_CONCURRENCY): must be positive, got 0");
        }
    }

    @Test
    void aTakenPortExitsWithCode1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Child child = new Child(tempDir, Map.of(), "--host", "127.0.0.1", "--port",
                        Integer.toString(taken.getLocalPort()))) {
            assertThat(child.awaitExit()).isEqualTo(SumServiceMain.EXIT_FAILURE);
            assertThat(child.output()).contains("sumservice cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }
}
