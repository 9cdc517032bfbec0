package dev.imager.coordinator.target;

import static dev.imager.coordinator.target.Fixtures.LABELS;
import static dev.imager.coordinator.target.Fixtures.NS;
import static dev.imager.coordinator.target.Fixtures.pod;
import static dev.imager.coordinator.target.Fixtures.port;
import static dev.imager.coordinator.target.Fixtures.readyPod;
import static dev.imager.coordinator.target.Fixtures.service;
import static dev.imager.coordinator.target.Fixtures.servicePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imager.coordinator.config.Sections;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

@EnableKubernetesMockClient(crud = true, https = false)
class ServiceTargetResolverTest {
    /** Tests refresh explicitly; the timer never fires during a test. */
    private static final Duration MANUAL = Duration.ofHours(1);

    KubernetesClient client;
    private ServiceTargetResolver resolver;

    @AfterEach
    void closeResolver() {
        if (resolver != null) {
            resolver.close();
        }
    }

    private ServiceTargetResolver start(String portName, String scheme) throws TargetResolutionException {
        resolver = new ServiceTargetResolver(Sections.service(NS, Fixtures.APP, portName, scheme),
                () -> client, MANUAL, (level, message) -> { });
        resolver.start();
        return resolver;
    }

    private void createService() {
        client.resource(service(Fixtures.APP, LABELS, servicePort("web", 80, 8080), servicePort("http", 8081, 8080)))
                .create();
    }

    @Test
    void namedServicePortBuildsTheServiceDnsUrl() throws Exception {
        createService();

        assertThat(start("http", "").resolve()).containsExactly("http://sumservice.imagerdemo.svc:8081");
        assertThat(resolver.describe()).isEqualTo("service imagerdemo/sumservice (http://sumservice.imagerdemo.svc:8081)");
    }

    @Test
    void emptyPortNameUsesTheFirstServicePort() throws Exception {
        createService();

        assertThat(start("", "").resolve()).containsExactly("http://sumservice.imagerdemo.svc:80");
    }

    @Test
    void httpsScheme() throws Exception {
        createService();

        assertThat(start("web", "https").resolve()).containsExactly("https://sumservice.imagerdemo.svc:80");
    }

    @Test
    void withoutAPortOfThatNameTheFirstServicePortIsUsedAndSaid() throws Exception {
        // The original's fallback: a Service whose one port is not named http still works with the defaults.
        client.resource(service(Fixtures.APP, LABELS, servicePort("web", 8080, 8080), servicePort("metrics", 9090, 9090)))
                .create();
        List<String> warnings = new CopyOnWriteArrayList<>();
        resolver = new ServiceTargetResolver(Sections.service(NS, Fixtures.APP, "http", ""), () -> client, MANUAL,
                (level, message) -> {
                    if (level == Level.WARN) {
                        warnings.add(message);
                    }
                });
        resolver.start();

        assertThat(resolver.resolve()).containsExactly("http://sumservice.imagerdemo.svc:8080");
        assertThat(warnings).containsExactly("service imagerdemo/sumservice has no port named 'http' (its ports: web, "
                + "metrics); using its first port, web 8080; set -target-port-name to choose another");
    }

    @Test
    void unnamedServicePortsFallBackToTheFirstToo() throws Exception {
        client.resource(service(Fixtures.APP, LABELS, servicePort(null, 8081, 8080))).create();

        assertThat(start("http", "").resolve()).containsExactly("http://sumservice.imagerdemo.svc:8081");
    }

    @Test
    void serviceWithoutSelectorIsAnError() {
        client.resource(service(Fixtures.APP, null, servicePort("http", 8080, 8080))).create();

        assertThatThrownBy(() -> start("http", ""))
                .isInstanceOf(TargetResolutionException.class)
                .hasMessageContaining("services imagerdemo/sumservice has no selector");
    }

    @Test
    void missingServiceNamesObjectAndVerb() {
        assertThatThrownBy(() -> start("http", ""))
                .isInstanceOf(TargetResolutionException.class)
                .hasMessage("get services imagerdemo/sumservice: not found");
    }

    @Test
    void metricsPodsAreTheEligiblePodsOfTheSelector() throws Exception {
        createService();
        client.resource(readyPod("sum-a", "127.0.1.1")).create();
        client.resource(readyPod("sum-b", "127.0.1.2")).create();
        client.resource(pod("sum-c", "Running", false, "127.0.1.3", port("http", 8080)).build()).create();
        client.resource(new PodBuilder(readyPod("other", "127.0.1.4")).editMetadata()
                .withLabels(Map.of("app", "other")).endMetadata().build()).create();
        start("http", "");

        assertThat(resolver.metricsPods()).containsExactly(new PodRef(NS, "sum-a"), new PodRef(NS, "sum-b"));

        client.pods().inNamespace(NS).withName("sum-a").delete();
        resolver.refresh();
        assertThat(resolver.metricsPods()).containsExactly(new PodRef(NS, "sum-b"));
    }

    @Test
    void noReadyPodStillResolvesTheServiceUrl() throws Exception {
        createService();

        assertThat(start("http", "").resolve()).containsExactly("http://sumservice.imagerdemo.svc:8081");
        assertThat(resolver.metricsPods()).isEmpty();
    }
}
