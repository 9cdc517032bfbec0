package dev.imager.coordinator.target;

import static dev.imager.coordinator.target.Fixtures.NS;
import static dev.imager.coordinator.target.Fixtures.podMetrics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imager.coordinator.metrics.MicrometerCoordinatorMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true, https = false)
class PodMetricsPollerTest {
    private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    private static final String CPU = "imager_orchestrator_target_pod_cpu_millicores";
    private static final String MEMORY = "imager_orchestrator_target_pod_memory_bytes";

    KubernetesClient client;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MicrometerCoordinatorMetrics metrics = new MicrometerCoordinatorMetrics(registry);
    private final List<PodMetricsSample> samples = new CopyOnWriteArrayList<>();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final AtomicReference<List<PodRef>> pods = new AtomicReference<>(List.of());
    private PodMetricsPoller poller;

    @BeforeEach
    void createPoller() {
        poller = poller(Duration.ofHours(1));
    }

    private PodMetricsPoller poller(Duration interval) {
        return new PodMetricsPoller(client, pods::get, metrics, samples::add, interval, null,
                Clock.fixed(NOW, ZoneOffset.UTC), (level, message) -> logged.add(level + " " + message));
    }

    @AfterEach
    void closePoller() {
        poller.close();
    }

    private static PodRef ref(String name) {
        return new PodRef(NS, name);
    }

    @Test
    void sumsContainersRoundingCpuUpAndExportsBothGauges() {
        // sum-a: 250500u = 250.5m -> 251m, plus 1500n = 0.0015m -> 1m; memory 64Mi + 1Ki.
        client.resource(podMetrics("sum-a", new String[] {"250500u", "64Mi"}, new String[] {"1500n", "1Ki"})).create();
        client.resource(podMetrics("sum-b", new String[] {"1", "1Gi"})).create();
        pods.set(List.of(ref("sum-a"), ref("sum-b")));

        PodMetricsSample sample = poller.pollOnce().orElseThrow();

        assertThat(sample.at()).isEqualTo(NOW);
        assertThat(sample.pods()).containsExactly(
                new PodUsage(NS, "sum-a", 252, 64L * 1024 * 1024 + 1024),
                new PodUsage(NS, "sum-b", 1000, 1024L * 1024 * 1024));
        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("# TYPE " + CPU + " gauge")
                .contains("# TYPE " + MEMORY + " gauge")
                .contains(CPU + "{namespace=\"imagerdemo\",pod=\"sum-a\"} 252")
                // Prometheus text renders doubles; 67109888 bytes reads 6.7109888E7.
                .contains(MEMORY + "{namespace=\"imagerdemo\",pod=\"sum-a\"} 6.7109888E7")
                .contains(CPU + "{namespace=\"imagerdemo\",pod=\"sum-b\"} 1000")
                .doesNotContain(CPU + "_")
                .doesNotContain(MEMORY + "_");
        assertThat(samples).containsExactly(sample);
    }

    @Test
    void podWithoutMetricsIsSkippedAndTheOthersAreStillExported() {
        client.resource(podMetrics("sum-a", new String[] {"10m", "1Mi"})).create();
        pods.set(List.of(ref("sum-a"), ref("sum-new")));

        PodMetricsSample sample = poller.pollOnce().orElseThrow();

        assertThat(sample.pods()).extracting(PodUsage::pod).containsExactly("sum-a");
        assertThat(registry.scrape()).contains("pod=\"sum-a\"").doesNotContain("sum-new");
    }

    @Test
    void seriesOfAPodThatIsNoLongerPolledAreRemoved() {
        client.resource(podMetrics("sum-a", new String[] {"10m", "1Mi"})).create();
        client.resource(podMetrics("sum-b", new String[] {"20m", "2Mi"})).create();
        pods.set(List.of(ref("sum-a"), ref("sum-b")));
        poller.pollOnce();
        assertThat(registry.scrape()).contains("pod=\"sum-a\"").contains("pod=\"sum-b\"");

        pods.set(List.of(ref("sum-b")));
        poller.pollOnce();

        assertThat(registry.scrape()).doesNotContain("pod=\"sum-a\"").contains(CPU + "{namespace=\"imagerdemo\",pod=\"sum-b\"} 20");
        assertThat(registry.find("imager.orchestrator.target.pod.cpu.millicores").gauges()).hasSize(1);
    }

    @Test
    void valuesFollowTheLatestPoll() {
        client.resource(podMetrics("sum-a", new String[] {"10m", "1Mi"})).create();
        pods.set(List.of(ref("sum-a")));
        poller.pollOnce();

        client.resource(podMetrics("sum-a", new String[] {"750m", "3Mi"})).update();
        poller.pollOnce();

        assertThat(registry.scrape()).contains(CPU + "{namespace=\"imagerdemo\",pod=\"sum-a\"} 750");
        assertThat(samples).hasSize(2);
    }

    @Test
    void nothingToPollMeansNoSampleAndNoSeries() {
        assertThat(poller.pollOnce()).isEmpty();
        assertThat(samples).isEmpty();
        assertThat(registry.scrape()).doesNotContain(CPU).doesNotContain(MEMORY);
    }

    @Test
    void startPollsAtOnceAndThenEveryIntervalAndCloseRemovesTheSeries() {
        client.resource(podMetrics("sum-a", new String[] {"10m", "1Mi"})).create();
        pods.set(List.of(ref("sum-a")));
        poller.close();
        poller = poller(Duration.ofMillis(50));

        poller.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> samples.size() >= 3);
        poller.close();

        assertThat(registry.scrape()).doesNotContain(CPU);
        assertThat(poller.pollOnce()).as("no poll after close").isEmpty();
        assertThat(registry.scrape()).doesNotContain(CPU);
        assertThat(logged).isEmpty();
    }
}
