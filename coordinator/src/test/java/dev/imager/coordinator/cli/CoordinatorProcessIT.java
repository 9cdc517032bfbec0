package dev.imager.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imager.protocol.testing.NatsTestServer;
import dev.imager.sumservice.SumServer;
import dev.imager.sumservice.SumServiceConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The coordinator as a real process (the shaded jar, as the image runs it), scraped as Prometheus would: its
 * {@code /metrics} serves the JVM's and the process's meters beside imager's, as docs/metrics.md promises.
 */
class CoordinatorProcessIT {

    /** The coordinator jar the reactor built before these integration tests run. */
    private static Path coordinatorJar() throws IOException {
        Path target = Path.of("target");
        try (var files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("imager-coordinator-.*-all\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no coordinator jar in " + target.toAbsolutePath()
                            + ": build with ./mvnw package first"));
        }
    }

    @Test
    void servesJvmAndProcessMetricsBesideItsOwn() throws Exception {
        Path log = Files.createTempFile("coordinator", ".log");
        int port = NatsTestServer.freePort();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (SumServer target = SumServer.start(SumServiceConfig.defaults().withHost("127.0.0.1").withPort(0))) {
            Process coordinator = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
                    coordinatorJar().toString(), "--local-workers", "1", "-target-mode", "url", "-target-url",
                    "http://127.0.0.1:" + target.port(), "-request-source-type", "random-sum", "-load-calculator",
                    "step", "-min-rps", "10", "-max-rps", "10", "--duration", "60s", "--progress", "off",
                    "-listen-port", Integer.toString(port)))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                AtomicReference<String> scraped = new AtomicReference<>("");
                // Scraped until a round has completed (the run's own counters move), at most 60 s.
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
                    if (!coordinator.isAlive()) {
                        throw new AssertionError("coordinator exited: " + read(log));
                    }
                    scraped.set(scrape(http, port));
                    return value(scraped.get(), "imager_coordinator_rounds_total{result=\"completed\"}") >= 1;
                });

                assertThat(scraped.get())
                        .contains("jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads ", "jvm_classes_loaded_classes ",
                                "jvm_info{", "process_cpu_usage ", "process_uptime_seconds ", "process_start_time_seconds ",
                                "process_files_open_files ", "system_cpu_count ")
                        .contains("imager_orchestrator_registered_executors 1.0");

                coordinator.destroy(); // SIGTERM: the run ends gracefully
                assertThat(coordinator.waitFor(30, TimeUnit.SECONDS)).as(read(log)).isTrue();
                assertThat(coordinator.exitValue()).as(read(log)).isZero();
            } finally {
                coordinator.destroyForcibly();
            }
        }
    }

    private static String scrape(HttpClient http, int port) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : "";
        } catch (IOException e) {
            return ""; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The value of the series {@code series} in a scrape, or -1 when it is not there. */
    private static double value(String scrape, String series) {
        return scrape.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim())).orElse(-1.0);
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }
}
