package dev.imager.coordinator.target;

import static dev.imager.coordinator.target.Fixtures.LABELS;
import static dev.imager.coordinator.target.Fixtures.NS;
import static dev.imager.coordinator.target.Fixtures.podMetrics;
import static dev.imager.coordinator.target.Fixtures.readyPod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.config.Sections;
import dev.imager.coordinator.deploy.Rbac;
import dev.imager.coordinator.metrics.CoordinatorMetrics;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Roles shipped in docs/rbac grant exactly what the code uses: every API request of a whole run
 * (start, many rounds, a refresh, a metrics poll) is allowed, and every granted verb is used. Also
 * checks the promise that rounds make no API call.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class RbacDocsTest {
    private static final Duration MANUAL = Duration.ofHours(1);
    private static final int ROUNDS = 100;

    KubernetesMockServer server;
    KubernetesClient client;
    private int taken;

    @Test
    void podModeUsesExactlyThePodModeRole() throws Exception {
        client.resource(Fixtures.deployment(Fixtures.APP)).create();
        client.resource(readyPod("sum-a", "127.0.1.1")).create();
        client.resource(podMetrics("sum-a", new String[] {"5m", "1Mi"})).create();
        drain();

        PodTargetResolver resolver = new PodTargetResolver(Fixtures.podSettings("http"), () -> client, MANUAL,
                (level, message) -> { });
        resolver.start();
        assertNoRequestsDuringRounds(resolver);
        resolver.refresh();
        pollOnce(resolver);
        resolver.close();

        assertThat(drain()).isEqualTo(Rbac.documented("pod"));
    }

    @Test
    void serviceModeUsesExactlyTheServiceModeRole() throws Exception {
        client.resource(Fixtures.service(Fixtures.APP, LABELS, Fixtures.servicePort("http", 8080, 8080))).create();
        client.resource(readyPod("sum-a", "127.0.1.1")).create();
        client.resource(podMetrics("sum-a", new String[] {"5m", "1Mi"})).create();
        drain();

        ServiceTargetResolver resolver = new ServiceTargetResolver(
                Sections.service(NS, Fixtures.APP, "http", ""), () -> client, MANUAL, (level, message) -> { });
        resolver.start();
        assertNoRequestsDuringRounds(resolver);
        resolver.refresh();
        pollOnce(resolver);
        resolver.close();

        assertThat(drain()).isEqualTo(Rbac.documented("service"));
    }

    @Test
    void bindingsBindTheCoordinatorServiceAccountInTheTargetNamespace() {
        for (String mode : List.of("pod", "service")) {
            RoleBinding binding = Rbac.documentedBinding(mode);
            Role role = Rbac.documentedRole(mode);

            assertThat(binding.getMetadata().getNamespace()).isEqualTo(role.getMetadata().getNamespace());
            assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
            assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
                assertThat(s.getKind()).isEqualTo("ServiceAccount");
                assertThat(s.getNamespace()).as("subject namespace must be explicit").isNotBlank();
            });
        }
    }

    private void assertNoRequestsDuringRounds(TargetResolver resolver) throws Exception {
        int before = server.getRequestCount();
        for (int round = 0; round < ROUNDS; round++) {
            resolver.resolve();
            resolver.metricsPods();
        }
        assertThat(server.getRequestCount()).as("API requests made by %d rounds", ROUNDS).isEqualTo(before);
    }

    private void pollOnce(TargetResolver resolver) {
        try (PodMetricsPoller poller = new PodMetricsPoller(client, resolver::metricsPods, new CoordinatorMetrics() { },
                PodMetricsListener.NONE, Duration.ofHours(1), null, Clock.systemUTC(), (level, message) -> { })) {
            assertThat(poller.pollOnce()).isPresent();
        }
    }

    /** Takes every request recorded since the last drain, as {@link Rbac#grants} names them. */
    private Set<String> drain() throws InterruptedException {
        Set<String> used = new TreeSet<>();
        int count = server.getRequestCount();
        for (; taken < count; taken++) {
            RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
            used.add(Rbac.permission(r.getMethod(), r.getPath()));
        }
        return used;
    }
}
