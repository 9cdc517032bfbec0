package dev.imager.coordinator.target;

import static dev.imager.coordinator.target.Fixtures.NS;
import static dev.imager.coordinator.target.Fixtures.deployment;
import static dev.imager.coordinator.target.Fixtures.pod;
import static dev.imager.coordinator.target.Fixtures.port;
import static dev.imager.coordinator.target.Fixtures.readyPod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.imager.coordinator.config.Sections;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

@EnableKubernetesMockClient(crud = true, https = false)
class PodTargetResolverTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Tests refresh explicitly; the timer never fires during a test unless a test asks for it. */
    private static final Duration MANUAL = Duration.ofHours(1);

    KubernetesClient client;
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private PodTargetResolver resolver;

    @AfterEach
    void closeResolver() {
        if (resolver != null) {
            resolver.close();
        }
    }

    private PodTargetResolver start(String portName) throws TargetResolutionException {
        resolver = new PodTargetResolver(Fixtures.podSettings(portName), () -> client, MANUAL,
                (level, message) -> logged.add(level + " " + message));
        resolver.start();
        return resolver;
    }

    private void create(Pod... pods) {
        for (Pod p : pods) {
            client.resource(p).create();
        }
    }

    @Test
    void keepsTheSamePodAcrossRounds() throws Exception {
        client.resource(deployment(Fixtures.APP)).create();
        create(readyPod("sum-a", "127.0.1.1"), readyPod("sum-b", "127.0.1.2"), readyPod("sum-c", "127.0.1.3"));
        start("http");

        Set<String> seen = new HashSet<>();
        for (int round = 0; round < 50; round++) {
            seen.addAll(resolver.resolve());
        }

        assertThat(seen).hasSize(1);
        assertThat(seen.iterator().next()).matches("http://127\\.0\\.1\\.[123]:8080");
        assertThat(resolver.metricsPods()).hasSize(1);
        assertThat(resolver.describe()).startsWith("pod " + NS + "/sum-").endsWith(":8080)");
    }

    @Test
    void switchesToAnotherPodWhenTheTargetIsDeletedAndLogsIt() throws Exception {
        client.resource(deployment(Fixtures.APP)).create();
        create(readyPod("sum-a", "127.0.1.1"), readyPod("sum-b", "127.0.1.2"), readyPod("sum-c", "127.0.1.3"));
        start("http");
        String first = resolver.resolve().get(0);
        String firstPod = resolver.metricsPods().get(0).name();

        client.pods().inNamespace(NS).withName(firstPod).delete();
        assertThat(resolver.resolve()).as("served from the last list until the next refresh").containsExactly(first);
        resolver.refresh();

        String second = resolver.resolve().get(0);
        assertThat(second).isNotEqualTo(first);
        assertThat(resolver.metricsPods().get(0).name()).isNotEqualTo(firstPod);
        assertThat(logged).anyMatch(l -> l.startsWith("INFO target pod " + NS + "/" + firstPod + " gone (deleted); now targeting "));
        for (int round = 0; round < 20; round++) {
            assertThat(resolver.resolve()).containsExactly(second);
        }
    }

    @Test
    void switchesWhenTheTargetBecomesUnready() throws Exception {
        client.resource(deployment(Fixtures.APP)).create();
        create(readyPod("sum-a", "127.0.1.1"), readyPod("sum-b", "127.0.1.2"));
        start("http");
        String firstPod = resolver.metricsPods().get(0).name();
        Pod current = client.pods().inNamespace(NS).withName(firstPod).get();

        client.resource(new PodBuilder(current).editStatus().editFirstCondition().withStatus("False")
                .endCondition().endStatus().build()).updateStatus();
        resolver.refresh();

        assertThat(resolver.metricsPods().get(0).name()).isNotEqualTo(firstPod);
        assertThat(logged).anyMatch(l -> l.contains("target pod " + NS + "/" + firstPod + " gone (not ready)"));
    }

    @Test
    void replacementPodIsPickedUpWhenTheOnlyPodIsReplaced() throws Exception {
        client.resource(deployment(Fixtures.APP)).create();
        create(readyPod("sum-old", "127.0.1.1"));
        start("http");
        assertThat(resolver.resolve()).containsExactly("http://127.0.1.1:8080");

        client.pods().inNamespace(NS).withName("sum-old").delete();
        resolver.refresh();
        assertThatThrownBy(resolver::resolve)
                .isInstanceOf(TargetResolutionException.class).hasMessageContaining("no eligible pod");
        assertThat(resolver.metricsPods()).isEmpty();
        assertThat(logged).contains("INFO target pod " + NS + "/sum-old gone (deleted); no eligible pod left");
        create(readyPod("sum-new", "127.0.1.9"));
        resolver.refresh();

        assertThat(resolver.resolve()).containsExactly("http://127.0.1.9:8080");
        assertThat(logged).contains("INFO targeting pod " + NS + "/sum-new");
    }

    @Test
    void backgroundRefreshPicksUpChangesWithoutAnyResolveCall() throws Exception {
        client.resource(deployment(Fixtures.APP)).create();
        resolver = new PodTargetResolver(Fixtures.podSettings("http"), () -> client, Duration.ofMillis(50),
                (level, message) -> { });
        resolver.start();
        assertThat(resolver.metricsPods()).isEmpty();

        create(readyPod("sum-a", "127.0.1.1"));

        // Until the background refresh has seen the pod, resolve() says there is none: that is the wait.
        await().atMost(WAIT).ignoreException(TargetResolutionException.class)
                .untilAsserted(() -> assertThat(resolver.resolve()).containsExactly("http://127.0.1.1:8080"));
    }

    @Test
    void ignoresUnreadyPendingTerminatingAndIpLessPods() throws Exception {
        client.resource(deployment(Fixtures.APP)).create();
        create(
                pod("sum-1-unready", "Running", false, "127.0.1.1", port("http", 8080)).build(),
                pod("sum-2-pending", "Pending", false, null, port("http", 8080)).build(),
                pod("sum-3-noip", "Running", true, null, port("http", 8080)).build(),
                new PodBuilder(readyPod("sum-4-terminating", "127.0.1.4")).editMetadata()
                        .withFinalizers("test/keep").endMetadata().build(),
                readyPod("sum-5-ready", "127.0.1.5"));
        // With a finalizer, deletion only sets deletionTimestamp: the pod is terminating but still listed.
        client.pods().inNamespace(NS).withName("sum-4-terminating").delete();
        start("http");
        assertThat(client.pods().inNamespace(NS).withName("sum-4-terminating").get().getMetadata()
                .getDeletionTimestamp()).isNotNull();

        for (int round = 0; round < 10; round++) {
            assertThat(resolver.resolve()).containsExactly("http://127.0.1.5:8080");
        }
    }

    @Test
    void noEligiblePodIsAnErrorThatSaysWhy() throws Exception {
        client.resource(deployment(Fixtures.APP)).create();
        create(pod("sum-1", "Running", false, "127.0.1.1", port("http", 8080)).build(),
                pod("sum-2", "Pending", false, null).build());
        start("http");

        assertThatThrownBy(resolver::resolve)
                .isInstanceOf(TargetResolutionException.class)
                .hasMessageContaining("no eligible pod for deployments.apps imagerdemo/sumservice")
                .hasMessageContaining("selector app=sumservice")
                .hasMessageContaining("sum-1: not ready")
                .hasMessageContaining("sum-2: phase Pending");
        assertThat(resolver.metricsPods()).isEmpty();
    }

    @Test
    void repeatedFailuresAreLoggedOnce() throws Exception {
        client.resource(deployment(Fixtures.APP)).create();
        start("http");
        for (int round = 0; round < 30; round++) {
            assertThatThrownBy(resolver::resolve).isInstanceOf(TargetResolutionException.class);
        }
        assertThat(logged).filteredOn(l -> l.startsWith("WARN no eligible pod")).hasSize(1);
    }

    @Test
    void namedPortUnnamedPortAndMissingPort() throws Exception {
        client.resource(deployment(Fixtures.APP)).create();
        create(readyPod("sum-a", "127.0.1.1"));

        assertThat(start("metrics").resolve()).containsExactly("http://127.0.1.1:9100");
        resolver.close();
        assertThat(start("").resolve()).containsExactly("http://127.0.1.1:8080");
        resolver.close();
        start("grpc");
        assertThatThrownBy(resolver::resolve)
                .isInstanceOf(TargetResolutionException.class)
                .hasMessageContaining("pod imagerdemo/sum-a has no container port named 'grpc'")
                .hasMessageContaining("http, metrics");
    }

    @Test
    void httpsSchemeAndIpv6PodIp() throws Exception {
        client.resource(deployment(Fixtures.APP)).create();
        create(readyPod("sum-a", "fd00::7"));
        resolver = new PodTargetResolver(Sections.pod(NS, Fixtures.APP, "http", "HTTPS"), () -> client, MANUAL,
                (level, message) -> { });
        resolver.start();

        assertThat(resolver.resolve()).containsExactly("https://[fd00::7]:8080");
    }

    @Test
    void missingDeploymentNamesObjectAndVerb() {
        resolver = new PodTargetResolver(Fixtures.podSettings("http"), () -> client, MANUAL, (level, message) -> { });

        assertThatThrownBy(resolver::start)
                .isInstanceOf(TargetResolutionException.class)
                .hasMessage("get deployments.apps imagerdemo/sumservice: not found");
        assertThatThrownBy(resolver::resolve).hasMessageContaining("not started");
        assertThat(resolver.metricsPods()).isEmpty();
    }

    @Test
    void startCanBeRetriedOnceTheDeploymentExists() throws Exception {
        resolver = new PodTargetResolver(Fixtures.podSettings("http"), () -> client, MANUAL, (level, message) -> { });
        assertThatThrownBy(resolver::start).isInstanceOf(TargetResolutionException.class);

        client.resource(deployment(Fixtures.APP)).create();
        create(readyPod("sum-a", "127.0.1.1"));
        resolver.start();

        assertThat(resolver.resolve()).containsExactly("http://127.0.1.1:8080");
    }

    @Test
    void deploymentWithoutSelectorIsAnError() {
        client.resource(new DeploymentBuilder(deployment(Fixtures.APP)).editSpec().withSelector(null).endSpec().build())
                .create();
        resolver = new PodTargetResolver(Fixtures.podSettings("http"), () -> client, MANUAL, (level, message) -> { });

        assertThatThrownBy(resolver::start)
                .isInstanceOf(TargetResolutionException.class)
                .hasMessageContaining("deployments.apps imagerdemo/sumservice has no selector");
    }

    @Test
    void matchExpressionsSelectorIsHonoured() throws Exception {
        LabelSelector selector = new LabelSelector(
                List.of(new LabelSelectorRequirementBuilder().withKey("tier").withOperator("In")
                        .withValues("web", "api").build()),
                Map.of("app", Fixtures.APP));
        client.resource(deployment(Fixtures.APP, selector)).create();
        create(
                new PodBuilder(readyPod("sum-a-batch", "127.0.1.1")).editMetadata()
                        .addToLabels("tier", "batch").endMetadata().build(),
                new PodBuilder(readyPod("sum-b-web", "127.0.1.2")).editMetadata()
                        .addToLabels("tier", "web").endMetadata().build(),
                new PodBuilder(readyPod("sum-c-other-app", "127.0.1.3")).editMetadata()
                        .withLabels(Map.of("app", "other", "tier", "web")).endMetadata().build());
        start("http");

        assertThat(resolver.resolve()).containsExactly("http://127.0.1.2:8080");
    }

    @Test
    void choosesTheOldestEligiblePod() throws Exception {
        client.resource(deployment(Fixtures.APP)).create();
        create(Fixtures.withCreationTimestamp(readyPod("sum-a", "127.0.1.1"), "2026-11-01T10:00:00Z"),
                Fixtures.withCreationTimestamp(readyPod("sum-b", "127.0.1.2"), "2026-11-01T09:00:00Z"));
        start("http");
        // The mock may overwrite creation timestamps; the choice must then still be deterministic.
        Pod b = client.pods().inNamespace(NS).withName("sum-b").get();
        Pod a = client.pods().inNamespace(NS).withName("sum-a").get();
        String expected = StickyPodChooser.OLDEST_FIRST.compare(a, b) <= 0 ? "127.0.1.1" : "127.0.1.2";

        assertThat(resolver.resolve()).containsExactly("http://" + expected + ":8080");
        assertThat(logged).contains(Level.INFO + " targeting pod " + NS + "/" + (expected.endsWith("1") ? "sum-a" : "sum-b"));
    }
}
