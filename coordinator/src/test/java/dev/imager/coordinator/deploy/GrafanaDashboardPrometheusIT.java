package dev.imager.coordinator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imager.coordinator.run.Coordinator;
import dev.imager.coordinator.run.FinishedRun;
import dev.imager.coordinator.run.RunControl;
import dev.imager.coordinator.run.RunOptions;
import dev.imager.coordinator.testing.Configs;
import dev.imager.coordinator.testing.WorkerProcess;
import dev.imager.protocol.testing.NatsTestServer;
import dev.imager.sumservice.SumServer;
import dev.imager.sumservice.SumServiceConfig;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard against a real scrape: a real Prometheus ({@value #PROMETHEUS}) scrapes a real distributed
 * run, the coordinator (pod mode, against a Kubernetes API stand-in whose pod is sumservice on loopback and whose
 * metrics API reports its CPU and memory) and a worker process, both over NATS. Every metric the dashboard names
 * must exist in Prometheus, and every one of its queries must return data.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class GrafanaDashboardPrometheusIT {

    static final String PROMETHEUS = "/usr/bin/prometheus";
    private static final String NAMESPACE = "imager-it";
    private static final String TARGET_NAMESPACE = "imagerdemo";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    KubernetesClient client;

    @TempDir
    Path dir;

    @Test
    void everyMetricOfTheDashboardExistsAndEveryQueryReturnsData() throws Exception {
        if (!Files.isExecutable(Path.of(PROMETHEUS))) {
            fail(PROMETHEUS + " is missing: the dashboard is checked against a real Prometheus. Install it with "
                    + "`sudo apt-get install -y --no-install-recommends prometheus` (CI installs it the same way).");
        }
        GrafanaDashboard dashboard = GrafanaDashboard.chart();
        int coordinatorPort = NatsTestServer.freePort();
        int workerPort = NatsTestServer.freePort();
        int prometheusPort = NatsTestServer.freePort();
        RunControl control = new RunControl();
        try (NatsTestServer nats = NatsTestServer.start();
                SumServer target = SumServer.start(SumServiceConfig.defaults().withHost("127.0.0.1").withPort(0));
                WorkerProcess worker = WorkerProcess.start("dashboard-w1", nats.url(), workerPort);
                Prometheus prometheus = Prometheus.start(dir, prometheusPort, coordinatorPort, workerPort)) {
            Path kubeconfig = targetPodInTheApi(target.port());
            CompletableFuture<FinishedRun> run = CompletableFuture.supplyAsync(() -> Coordinator.run(Configs.parse(
                    "--nats-url", nats.url(), "-target-mode", "pod", "-target-namespace", TARGET_NAMESPACE,
                    "-target-deployment", "sumservice", "-in-cluster=false", "-kubeconfig", kubeconfig.toString(),
                    "-metrics-poll-interval", "1s", "-request-source-type", "random-sum", "-load-calculator", "step",
                    "-min-rps", "20", "-max-rps", "20", "--duration", "90s",
                    "-listen-port", Integer.toString(coordinatorPort)), RunOptions.defaults(), control));
            AtomicReference<List<String>> missing = new AtomicReference<>(List.of());
            try {
                // Every query, as Grafana sends it with the namespace variable set and a rate interval chosen.
                List<String> queries = new ArrayList<>();
                for (String expression : dashboard.expressions()) {
                    if (!expression.startsWith("label_values(")) {
                        queries.add(expression.replace("$namespace", NAMESPACE).replace("$__rate_interval", "15s"));
                    }
                }
                await("every dashboard metric and query in Prometheus").atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofSeconds(2)).until(() -> {
                            List<String> now = new ArrayList<>();
                            for (String metric : dashboard.metricNames()) {
                                if (prometheus.data("/api/v1/series?match[]=" + encode(metric), now).isEmpty()) {
                                    now.add("no series " + metric);
                                }
                            }
                            for (String query : queries) {
                                if (prometheus.data("/api/v1/query?query=" + encode(query), now).path("result")
                                        .isEmpty()) {
                                    now.add("no data for " + query);
                                }
                            }
                            missing.set(now);
                            return now.isEmpty() && !run.isDone();
                        });
                // The namespace variable's own query finds the namespace the scrape gave the run.
                assertThat(prometheus.data("/api/v1/label/namespace/values?match[]="
                        + encode("imager_coordinator_planned_rate"), new ArrayList<>()))
                        .extracting(JsonNode::asText).containsExactly(NAMESPACE);
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("missing in Prometheus:\n" + String.join("\n", missing.get())
                        + "\nworker log:\n" + worker.log() + "\nprometheus log:\n" + prometheus.log(), e);
            } finally {
                control.stop("dashboard checked");
                run.get(60, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The target in the Kubernetes API stand-in: Deployment sumservice, one Running and Ready pod at 127.0.0.1 whose
     * port "http" is the real sumservice's, and its CPU and memory in the metrics API. Returns a kubeconfig for it.
     */
    private Path targetPodInTheApi(int port) throws IOException {
        Map<String, String> labels = Map.of("app", "sumservice");
        client.resource(new DeploymentBuilder().withNewMetadata().withName("sumservice").withNamespace(TARGET_NAMESPACE)
                .endMetadata().withNewSpec().withSelector(new LabelSelector(null, labels)).withReplicas(1).endSpec()
                .build()).create();
        client.resource(new PodBuilder().withNewMetadata().withName("sumservice-0").withNamespace(TARGET_NAMESPACE)
                .withLabels(labels).endMetadata().withNewSpec().addToContainers(new ContainerBuilder().withName("app")
                        .withImage("imager/sumservice:local").withPorts(new ContainerPortBuilder().withName("http")
                                .withContainerPort(port).build()).build()).endSpec()
                .withNewStatus().withPhase("Running").withPodIP("127.0.0.1").withConditions(new PodConditionBuilder()
                        .withType("Ready").withStatus("True").build()).endStatus().build()).create();
        client.resource(new PodMetricsBuilder().withNewMetadata().withName("sumservice-0")
                .withNamespace(TARGET_NAMESPACE).endMetadata().withTimestamp("2026-12-01T00:00:00Z")
                .withWindow(new io.fabric8.kubernetes.api.model.Duration(Duration.ofSeconds(15)))
                .addToContainers(new ContainerMetricsBuilder().withName("app").withUsage(Map.of("cpu",
                        new Quantity("250m"), "memory", new Quantity("64Mi"))).build()).build()).create();
        return Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: stand-in
                    cluster:
                      server: %s
                users:
                  - name: test
                    user:
                      token: test
                contexts:
                  - name: test
                    context:
                      cluster: stand-in
                      user: test
                current-context: test
                """.formatted(client.getConfiguration().getMasterUrl()));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** A Prometheus on loopback scraping the coordinator and the worker every second, with their namespace label. */
    private static final class Prometheus implements AutoCloseable {
        private final Process process;
        private final Path log;
        private final int port;

        private Prometheus(Process process, Path log, int port) {
            this.process = process;
            this.log = log;
            this.port = port;
        }

        static Prometheus start(Path dir, int port, int coordinatorPort, int workerPort) throws IOException {
            Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    scrape_configs:
                      - job_name: imager-coordinator
                        static_configs:
                          - targets: ["127.0.0.1:%d"]
                            labels: {namespace: %s}
                      - job_name: imager-worker
                        static_configs:
                          - targets: ["127.0.0.1:%d"]
                            labels: {namespace: %s}
                    """.formatted(coordinatorPort, NAMESPACE, workerPort, NAMESPACE));
            Path log = dir.resolve("prometheus.log");
            Process process = new ProcessBuilder(PROMETHEUS, "--config.file=" + config,
                    "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("tsdb")),
                    "--web.listen-address=127.0.0.1:" + port, "--storage.tsdb.retention.time=1h")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Prometheus prometheus = new Prometheus(process, log, port);
            await("Prometheus ready (log " + log + ")").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200);
            return prometheus;
        }

        /** The {@code data} of an API answer; a refusal (a bad query, Prometheus down) is added to {@code problems}. */
        JsonNode data(String pathAndQuery, List<String> problems) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + pathAndQuery)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode body = JSON.readTree(r.body());
                if (r.statusCode() == 200 && "success".equals(body.path("status").asText())) {
                    return body.path("data");
                }
                problems.add("Prometheus refused " + pathAndQuery + ": " + r.body());
            } catch (IOException e) {
                problems.add("Prometheus unreachable for " + pathAndQuery + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problems.add("interrupted");
            }
            return JSON.createObjectNode();
        }

        String log() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
