package dev.imager.coordinator.target;

import static dev.imager.coordinator.target.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imager.coordinator.config.Sections;
import dev.imager.coordinator.metrics.MicrometerCoordinatorMetrics;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Failures the CRUD mock cannot produce (403, a metrics API that is not served), in expectation mode. */
@EnableKubernetesMockClient(https = false)
class KubernetesApiErrorsTest {
    private static final String DEPLOYMENT_PATH = "/apis/apps/v1/namespaces/imagerdemo/deployments/sumservice";
    private static final String SERVICE_PATH = "/api/v1/namespaces/imagerdemo/services/sumservice";
    private static final String PODS_PATH = "/api/v1/namespaces/imagerdemo/pods?labelSelector=app%3Dsumservice";
    private static final String METRICS_PATH = "/apis/metrics.k8s.io/v1beta1/namespaces/imagerdemo/pods";
    private static final Duration MANUAL = Duration.ofHours(1);

    KubernetesMockServer server;
    KubernetesClient client;
    private final List<String> logged = new CopyOnWriteArrayList<>();

    private static Status forbidden(String verb, String resource) {
        return new StatusBuilder().withStatus("Failure").withReason("Forbidden").withCode(403)
                .withMessage(resource + " is forbidden: User \"system:serviceaccount:imager:imager-coordinator\""
                        + " cannot " + verb + " resource in the namespace \"imagerdemo\"")
                .build();
    }

    private static Status notFound() {
        return new StatusBuilder().withStatus("Failure").withReason("NotFound").withCode(404)
                .withMessage("the server could not find the requested resource").build();
    }

    @Test
    void forbiddenDeploymentGetNamesVerbObjectAndRbacDoc() {
        server.expect().get().withPath(DEPLOYMENT_PATH).andReturn(403, forbidden("get", "deployments.apps")).always();
        TargetResolver resolver = new PodTargetResolver(Fixtures.podSettings("http"), () -> client, MANUAL,
                (level, message) -> logged.add(level + " " + message));

        assertThatThrownBy(resolver::start)
                .isInstanceOf(TargetResolutionException.class)
                .hasMessageStartingWith("get deployments.apps imagerdemo/sumservice: forbidden")
                .hasMessageContaining("system:serviceaccount:imager:imager-coordinator")
                .hasMessageContaining(KubernetesErrors.RBAC_DOC);
        assertThat(logged).singleElement().asString().startsWith("WARN get deployments.apps imagerdemo/sumservice: forbidden");
    }

    @Test
    void forbiddenPodListNamesNamespaceAndSelector() {
        server.expect().get().withPath(DEPLOYMENT_PATH).andReturn(200, Fixtures.deployment(Fixtures.APP)).always();
        server.expect().get().withPath(PODS_PATH).andReturn(403, forbidden("list", "pods")).always();
        TargetResolver resolver = new PodTargetResolver(Fixtures.podSettings("http"), () -> client, MANUAL,
                (level, message) -> { });

        assertThatThrownBy(resolver::start)
                .isInstanceOf(TargetResolutionException.class)
                .hasMessageStartingWith("list pods in imagerdemo (selector app=sumservice): forbidden");
    }

    @Test
    void forbiddenServiceGet() {
        server.expect().get().withPath(SERVICE_PATH).andReturn(403, forbidden("get", "services")).always();
        TargetResolver resolver = new ServiceTargetResolver(
                Sections.service(NS, Fixtures.APP, "http", ""), () -> client, MANUAL, (level, message) -> { });

        assertThatThrownBy(resolver::start)
                .isInstanceOf(TargetResolutionException.class)
                .hasMessageStartingWith("get services imagerdemo/sumservice: forbidden");
    }

    @Test
    void failedRefreshKeepsTheLastKnownPodsAndWarns() throws Exception {
        server.expect().get().withPath(DEPLOYMENT_PATH).andReturn(200, Fixtures.deployment(Fixtures.APP)).always();
        server.expect().get().withPath(PODS_PATH)
                .andReturn(200, new PodListBuilder().withItems(Fixtures.readyPod("sum-a", "127.0.1.1")).build()).once();
        server.expect().get().withPath(PODS_PATH).andReturn(403, forbidden("list", "pods")).always();
        PodTargetResolver resolver = new PodTargetResolver(Fixtures.podSettings("http"), () -> client, MANUAL,
                (level, message) -> { });
        resolver.start();

        assertThatThrownBy(resolver::refresh).hasMessageContaining("forbidden");
        assertThat(resolver.resolve()).containsExactly("http://127.0.1.1:8080");
        resolver.close();
    }

    @Test
    void metricsApiNotServedWarnsOnceAndExportsNothing() {
        server.expect().get().withPath(METRICS_PATH).andReturn(404, notFound()).times(3);
        server.expect().get().withPath(METRICS_PATH)
                .andReturn(200, new PodMetricsListBuilder()
                        .withItems(Fixtures.podMetrics("sum-a", new String[] {"5m", "1Mi"})).build())
                .always();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List<PodMetricsSample> samples = new CopyOnWriteArrayList<>();
        try (PodMetricsPoller poller = new PodMetricsPoller(client, () -> List.of(new PodRef(NS, "sum-a")),
                new MicrometerCoordinatorMetrics(registry),
                samples::add, Duration.ofSeconds(5), null, Clock.systemUTC(),
                (level, message) -> logged.add(level + " " + message))) {

            for (int poll = 0; poll < 3; poll++) {
                assertThat(poller.pollOnce()).isEmpty();
            }
            assertThat(logged).singleElement().asString()
                    .startsWith("WARN metrics.k8s.io is not served (is metrics-server installed?)");
            assertThat(registry.scrape()).doesNotContain("imager_orchestrator_target_pod");
            assertThat(samples).isEmpty();

            // metrics-server installed mid-run: the quiet retries pick it up.
            assertThat(poller.pollOnce()).isPresent();
            assertThat(logged).last().asString().startsWith("INFO metrics.k8s.io is served now");
            assertThat(registry.scrape()).contains("imager_orchestrator_target_pod_cpu_millicores{namespace=\"imagerdemo\",pod=\"sum-a\"} 5");
        }
    }

    @Test
    void forbiddenMetricsListIsLoggedOnceWithVerbAndObject() {
        server.expect().get().withPath(METRICS_PATH).andReturn(403, forbidden("list", "pods.metrics.k8s.io")).always();
        try (PodMetricsPoller poller = new PodMetricsPoller(client, () -> List.of(new PodRef(NS, "sum-a")),
                new MicrometerCoordinatorMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)), PodMetricsListener.NONE, Duration.ofSeconds(5),
                null, Clock.systemUTC(), (level, message) -> logged.add(level + " " + message))) {

            for (int poll = 0; poll < 5; poll++) {
                assertThat(poller.pollOnce()).isEmpty();
            }
        }
        assertThat(logged).singleElement().asString()
                .startsWith("WARN list pods.metrics.k8s.io in imagerdemo: forbidden");
    }
}
