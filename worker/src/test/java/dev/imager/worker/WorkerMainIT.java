package dev.imager.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imager.protocol.Subjects;
import dev.imager.protocol.cli.EnvironmentDefaults;
import dev.imager.protocol.codec.MessageCodec;
import dev.imager.protocol.message.Heartbeat;
import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.message.RequestSpec;
import dev.imager.protocol.message.WorkerState;
import dev.imager.protocol.testing.LogLines;
import dev.imager.protocol.testing.NatsTestServer;
import dev.imager.protocol.transport.NatsSettings;
import dev.imager.protocol.transport.NatsTransport;
import dev.imager.worker.testing.Jobs;
import dev.imager.worker.testing.LoopbackHttpServer;
import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The worker as a real process: flags, exit codes, metrics endpoint, SIGTERM drain. */
class WorkerMainIT {

    private static NatsTestServer nats;
    private static LoopbackHttpServer target;

    @BeforeAll
    static void start() {
        nats = NatsTestServer.start();
        target = LoopbackHttpServer.start();
    }

    @AfterAll
    static void stop() {
        target.close();
        nats.close();
    }

    /** The shaded jar built in the package phase, which runs before integration tests. */
    private static Path jar() throws IOException {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("imager-worker-.*-all\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("run 'mvn package' first: no worker jar in target/"));
        }
    }

    private static Process launch(Path log, String... args) throws IOException {
        return launch(log, java.util.Map.of(), args);
    }

    private static Process launch(Path log, java.util.Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.equalsIgnoreCase("http_proxy")
                || k.equalsIgnoreCase("https_proxy") || k.equalsIgnoreCase("no_proxy"));
        builder.environment().putAll(env);
        return builder.start();
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Test
    void runsJobsServesMetricsAndDrainsOnSigterm() throws Exception {
        Path log = Files.createTempFile("worker", ".log");
        int metricsPort = NatsTestServer.freePort();
        Subjects subjects = Subjects.withPrefix("proc");
        MessageCodec codec = new MessageCodec();
        try (NatsTransport bus = NatsTransport.connect(NatsSettings.of(nats.url()));
                BusProbe beats = new BusProbe(bus, subjects.allHeartbeats());
                BusProbe results = new BusProbe(bus, subjects.results("c1"))) {
            Process worker = launch(log, "--nats-url", nats.url(), "--subject-prefix", "proc", "--id", "proc-w1",
                    "--metrics-port", Integer.toString(metricsPort), "--heartbeat-interval", "200ms", "--event-loops", "1");
            try {
                beats.await(Heartbeat.class, h -> h.workerId().equals("proc-w1"), Duration.ofSeconds(30));
                bus.publish(subjects.jobs(), subjects.results("c1"),
                        codec.encode(Jobs.uniform("p1", 20, 40, RequestSpec.get("/ok", ""), target.baseUrl(), 2_000, 100)));
                results.await(JobResult.class, r -> r.jobId().equals("p1") && r.done(), Duration.ofSeconds(15));

                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body()).contains("imager_success 20.0").contains("imager_executor_jobs_picked_up_total 1.0");
                // The JVM's and the process's meters, as the original's Go runtime and process collectors.
                assertThat(metrics.body()).contains("jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads ",
                        "jvm_classes_loaded_classes ", "jvm_info{", "process_cpu_usage ", "process_uptime_seconds ",
                        "process_start_time_seconds ", "process_files_open_files ", "system_cpu_count ");
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + metricsPort + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);

                // A job still running when SIGTERM arrives is finished before the process exits.
                bus.publish(subjects.jobs(), subjects.results("c1"),
                        codec.encode(Jobs.uniform("p2", 20, 20, RequestSpec.get("/ok", ""), target.baseUrl(), 2_000, 100)));
                results.await(JobResult.class, r -> r.jobId().equals("p2"), Duration.ofSeconds(15));
                worker.destroy(); // SIGTERM
                assertThat(worker.waitFor(30, TimeUnit.SECONDS)).as(read(log)).isTrue();
                assertThat(worker.exitValue()).as(read(log)).isZero();
                JobResult last = results.await(JobResult.class, r -> r.jobId().equals("p2") && r.done(), Duration.ofSeconds(5));
                long ok = results.all(JobResult.class).stream().filter(r -> r.jobId().equals("p2"))
                        .mapToLong(r -> r.stats().outcomes().ok()).sum();
                assertThat(ok).isEqualTo(20);
                assertThat(last.done()).isTrue();
                await().atMost(Duration.ofSeconds(5)).until(() -> beats.all(Heartbeat.class).stream()
                        .anyMatch(h -> h.workerId().equals("proc-w1") && h.state() == WorkerState.DRAINING));
                assertThat(read(log)).contains("SIGTERM received: draining").contains("drained")
                        .contains("sends requests to this machine only (localhost, 127.0.0.0/8, [::1]), the default");
                // The one log format of every process: each logged line starts with its date and time.
                assertThat(read(log).lines().filter(l -> l.contains("SIGTERM received: draining")))
                        .singleElement().asString().matches(LogLines.TIMESTAMPED);
            } finally {
                worker.destroyForcibly();
            }
        }
    }

    @Test
    void acceptsTheOriginalsSingleDashSpellingOfEveryFlag() throws Exception {
        // The original executor's manifests pass -metrics-port=9100; Go's flag package took one dash or two.
        Path log = Files.createTempFile("worker", ".log");
        int metricsPort = NatsTestServer.freePort();
        Subjects subjects = Subjects.withPrefix("dash");
        try (NatsTransport bus = NatsTransport.connect(NatsSettings.of(nats.url()));
                BusProbe beats = new BusProbe(bus, subjects.allHeartbeats())) {
            Process worker = launch(log, "-nats-url=" + nats.url(), "-subject-prefix", "dash", "-id=dash-w1",
                    "-metrics-port=" + metricsPort, "-heartbeat-interval=200ms", "-event-loops", "1",
                    "-max-inflight=100", "-max-connections-per-target=10", "-result-interval=250ms",
                    "-drain-timeout=5s", "-connect-timeout=2s", "-insecure-skip-verify=false",
                    "-max-streams-per-connection=50", "-proxy=http://127.0.0.1:3128",
                    "-nats-connect-timeout=10s", "-nats-tls=false");
            try {
                beats.await(Heartbeat.class, h -> h.workerId().equals("dash-w1"), Duration.ofSeconds(30));
                HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + metricsPort + "/healthz")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                worker.destroy(); // SIGTERM
                assertThat(worker.waitFor(30, TimeUnit.SECONDS)).as(read(log)).isTrue();
                assertThat(worker.exitValue()).as(read(log)).isZero();
            } finally {
                worker.destroyForcibly();
            }
        }
    }

    @Test
    void problemsSpellFlagsAsDeclaredWhicheverFormWasTyped() throws Exception {
        Path log = Files.createTempFile("worker", ".log");
        Process p = launch(log, "-metrics-port=70000", "-heartbeat-interval=soon", "-nats-url=http://x",
                "-allowed-targets=http://example.com", "-max-active-jobs=0");
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(read(log)).isEqualTo(2);
        // Every problem at once, each naming its flag the way --help does.
        assertThat(read(log)).contains("worker: --heartbeat-interval: invalid duration \"soon\"",
                "worker: --nats-url: 'http://x' is not a NATS URL like nats://host:4222",
                "worker: --metrics-port: must be -1..65535, got 70000",
                "worker: --allowed-targets: 'http://example.com' is not a host, host:port, *.domain, address",
                "worker: --max-active-jobs: must be >= 1, got 0");
    }

    @Test
    void theOriginalExecutorsFlagsAreRefusedNamingWhatReplacesThem() throws Exception {
        // The original's executor manifests: -host=imager-orchestrator -port=8099 -workers=2 -metrics-port=9100.
        Path log = Files.createTempFile("worker", ".log");
        Process p = launch(log, "-host=imager-orchestrator", "-port=8099", "--workers", "2", "-metrics-port=9100");
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(read(log)).isEqualTo(2);
        assertThat(read(log)).contains(
                "worker: -host: the original executor's orchestrator host; workers take their jobs from NATS",
                "worker: -port: the original executor's orchestrator port; workers take their jobs from NATS",
                "set --nats-url (e.g. --nats-url=nats://nats:4222) instead",
                "worker: --workers: the original executor's number of sequential senders")
                .doesNotContain("Usage:");
        assertThat(WorkerMain.problems(new EnvironmentDefaults(Map.of()), "--host", "h"))
                .singleElement().asString().startsWith("--host: the original executor's orchestrator host");
    }

    @Test
    void cpuPinningValuesAndTheirLimitsAreStartUpProblems() {
        EnvironmentDefaults none = new EnvironmentDefaults(Map.of());
        assertThat(WorkerMain.problems(none, "--cpu-pinning", "always"))
                .containsExactly("--cpu-pinning: unsupported value \"always\"; expected one of auto, on, off");
        int cpus = Runtime.getRuntime().availableProcessors();
        // on with a loop per CPU: nothing left for the other threads, refused before anything starts
        assertThat(WorkerMain.problems(none, "--cpu-pinning", "on", "--event-loops", Integer.toString(cpus)))
                .containsExactly("--cpu-pinning on: " + cpus + " event loop(s) on " + cpus + " CPU(s) leave none for "
                        + "the other threads (use fewer --event-loops, or --cpu-pinning auto)");
        // auto declines the same case at start instead
        assertThat(WorkerMain.problems(none, "--cpu-pinning", "auto", "--event-loops", Integer.toString(cpus)))
                .isEmpty();
    }

    @Test
    void invalidFlagsExitWithTwoAndNameTheFlag() throws Exception {
        Path log = Files.createTempFile("worker", ".log");
        Process p = launch(log, "--max-inflight", "0", "--heartbeat-interval", "soon", "--id", "a.b");
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(read(log)).contains("--heartbeat-interval").contains("invalid duration \"soon\"");

        Path log2 = Files.createTempFile("worker", ".log");
        Process q = launch(log2, "--max-inflight", "0", "--id", "a.b", "--nats-url", "http://127.0.0.1:4222");
        assertThat(q.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(q.exitValue()).isEqualTo(2);
        assertThat(read(log2)).contains("--max-inflight").contains("--id").contains("--nats-url");
    }

    @Test
    void anUnusableProxyIsAStartUpProblemNamingWhereItCameFrom() throws Exception {
        Path log = Files.createTempFile("worker", ".log");
        Process p = launch(log, java.util.Map.of("HTTPS_PROXY", "socks5://proxy:1080"),
                "--max-streams-per-connection", "0");
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(read(log)).isEqualTo(2);
        assertThat(read(log)).contains("worker: HTTPS_PROXY: proxy scheme 'socks5' is not supported",
                "worker: --max-streams-per-connection: must be >= 1, got 0");

        Path log2 = Files.createTempFile("worker", ".log");
        Process q = launch(log2, java.util.Map.of("HTTPS_PROXY", "socks5://proxy:1080"), "--proxy", "https://p:443");
        assertThat(q.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(q.exitValue()).as(read(log2)).isEqualTo(2);
        // The flag replaces the variables: only its own problem is reported.
        assertThat(read(log2)).contains("worker: --proxy: proxy scheme 'https' is not supported")
                .doesNotContain("HTTPS_PROXY");
    }

    @Test
    void unreachableNatsExitsWithThree() throws Exception {
        Path log = Files.createTempFile("worker", ".log");
        Process p = launch(log, "--nats-url", "nats://127.0.0.1:" + NatsTestServer.freePort(),
                "--nats-connect-timeout", "1s", "--metrics-port", "-1");
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(read(log)).isEqualTo(3);
        String text = read(log);
        assertThat(text).contains("cannot connect to NATS");
        // The engine starts first (a flag it refuses is reported without waiting for NATS), and is closed on the way out.
        assertThat(text.indexOf("HTTP engine:")).as(text).isBetween(0, text.indexOf("cannot connect to NATS"));
    }

    @Test
    void helpDocumentsEveryOptionWithItsEnvironmentVariable() throws Exception {
        Path log = Files.createTempFile("worker", ".log");
        Process p = launch(log, "--help");
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(read(log)).contains("--nats-url", "--subject-prefix", "--id", "--metrics-port", "--max-inflight",
                "--max-connections-per-target", "--event-loops", "--heartbeat-interval", "--nats-tls", "--nats-creds",
                "--insecure-skip-verify", "--allowed-targets", "--max-active-jobs", "--max-streams-per-connection",
                "--proxy", "IMAGER_MAX_INFLIGHT",
                "default: 9100");
    }
}
