package dev.imager.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.metrics.MicrometerCoordinatorMetrics;
import dev.imager.coordinator.testing.Configs;
import dev.imager.coordinator.testing.RecordingListener;
import dev.imager.protocol.testing.NatsTestServer;
import dev.imager.sumservice.SumServer;
import dev.imager.sumservice.SumServiceConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's HTTP endpoint in local mode: {@code /metrics} serves the coordinator's metrics (kept in the
 * registry the embedder passed) and, after them, those of the workers in the same process; {@code /healthz} and
 * {@code /status} answer beside it.
 */
class LocalModeMetricsIT {

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesCoordinatorAndLocalWorkerMetricsOnTheListenPort() throws Exception {
        int port = NatsTestServer.freePort();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CompletableFuture<List<HttpResponse<String>>> responses = new CompletableFuture<>();
        RunControl control = new RunControl();
        RecordingListener listener = new RecordingListener((round, status) -> {
            if (round.round() == 1 && !responses.isDone()) {
                // Scrape as Prometheus would, off the control thread, while the run goes on.
                CompletableFuture.runAsync(() -> {
                    try {
                        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                        responses.complete(List.of(get(http, port, "/metrics"), get(http, port, "/healthz"),
                                get(http, port, "/status")));
                    } catch (Exception e) {
                        responses.completeExceptionally(e);
                    } finally {
                        control.stop("scraped");
                    }
                });
            }
        });

        try (SumServer target = SumServer.start(SumServiceConfig.defaults().withHost("127.0.0.1").withPort(0))) {
            FinishedRun finished = Coordinator.run(Configs.parse("--local-workers", "1", "-target-mode", "url",
                            "-target-url", "http://127.0.0.1:" + target.port(), "-request-source-type", "random-sum",
                            "-load-calculator", "step", "-min-rps", "20", "-max-rps", "20", "--duration", "30s",
                            "-listen-port", Integer.toString(port)),
                    RunOptions.defaults().withMetrics(new MicrometerCoordinatorMetrics(registry)).withListener(listener),
                    control);

            List<HttpResponse<String>> r = responses.get(30, TimeUnit.SECONDS);
            assertThat(finished.endReason()).isEqualTo("scraped");
            HttpResponse<String> metrics = r.get(0);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("imager_coordinator_planned_rate 20.0")
                    .contains("imager_coordinator_rounds_total{result=\"completed\"}")
                    .contains("imager_executor_jobs_picked_up_total")
                    .contains("imager_worker_requests_total{outcome=\"ok\"}")
                    .contains("imager_success ");
            List<String> families = Arrays.stream(metrics.body().split("\n")).filter(l -> l.startsWith("# TYPE "))
                    .map(l -> l.split(" ")[2]).toList();
            assertThat(families).as("metric families in one exposition").doesNotHaveDuplicates();
            assertThat(r.get(1).statusCode()).isEqualTo(200);
            assertThat(r.get(2).body()).contains("\"runId\":\"" + finished.runId() + "\"");
            // The coordinator's metrics went to the embedder's registry; the workers' did not.
            assertThat(registry.scrape()).contains("imager_coordinator_rounds_total{result=\"completed\"}")
                    .doesNotContain("imager_executor_jobs_picked_up_total");
        }
    }
}
