package dev.imager.operator;

import static dev.imager.operator.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imager.coordinator.deploy.Rbac;
import dev.imager.coordinator.deploy.RenderedChart;
import dev.imager.operator.api.LoadSpec;
import dev.imager.operator.api.LoadTest;
import dev.imager.operator.coordinator.CoordinatorEndpoint;
import dev.imager.operator.run.RunNames;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Least privilege, proven: the operator's Role as the chart renders it grants exactly the requests the operator
 * sends while it runs LoadTests through every phase (created, waiting, running, report, verdict; and a bad spec),
 * no more and no less. The operator's own requests are told from the test's by their User-Agent.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class OperatorRbacIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String AGENT = "imager-operator-under-test";

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void theRenderedRoleGrantsExactlyWhatTheOperatorCalls(@TempDir Path scratch) throws Exception {
        RenderedChart chart = RenderedChart.prepare(scratch).render("rel", NS, "{}\n");
        Role role = chart.get(Role.class, "rel-imager-operator");
        RoleBinding binding = chart.get(RoleBinding.class, "rel-imager-operator");
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getName()).isEqualTo("rel-imager-operator");
            assertThat(s.getNamespace()).isEqualTo(NS);
        });
        assertThat(chart.all(ClusterRole.class)).as("namespaced: no cluster-wide rights").isEmpty();

        Set<String> used = runEveryPhase();

        assertThat(used).isEqualTo(Rbac.grants(role));
    }

    /** Runs one LoadTest to its verdict and rejects another; returns the permissions the operator needed. */
    private Set<String> runEveryPhase() throws Exception {
        Fixtures.installCrd(client);
        KubernetesClient operatorClient = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(client.getConfiguration()).withUserAgent(AGENT).build()).build();
        try (FakeCoordinator coordinator = new FakeCoordinator(); operatorClient) {
            OperatorSettings settings = Fixtures.settings(coordinator.port(), true);
            LoadTestReconciler reconciler = new LoadTestReconciler(operatorClient, settings, new CoordinatorEndpoint(),
                    Clock.systemUTC());
            try (LoadTestController controller = new LoadTestController(operatorClient, settings, reconciler).start()) {
                LoadTest test = client.resource(Fixtures.loadTest("checkout")).create();
                await().atMost(PATIENCE).until(() -> job("checkout") != null);
                client.resource(Fixtures.runningCoordinatorPod(test, settings)).create();
                coordinator.serve("/status", FakeCoordinator.status("waiting-for-workers", -1, "", 0, 0, 0, 0, 0, 0,
                        0, 0, null));
                await().atMost(PATIENCE).until(() -> "Starting".equals(phase("checkout")));
                coordinator.serve("/status", FakeCoordinator.status("finished", 9, "steady", 100, 99, 5, 9, 900, 900,
                        0, 3, 100.0));
                coordinator.serve("/report.json", "{}");
                coordinator.serve("/report.html", "<html></html>");
                await().atMost(PATIENCE).until(() -> "checkout-report".equals(current("checkout").getStatus()
                        .reportConfigMap));
                client.pods().inNamespace(NS).withLabels(RunNames.selector(settings, test, "coordinator")).delete();
                client.resource(Fixtures.exitedCoordinatorPod(test, settings, 0)).create();
                Job job = job("checkout");
                job.setStatus(new JobStatusBuilder().withConditions(new JobConditionBuilder().withType("Complete")
                        .withStatus("True").build()).build());
                client.batch().v1().jobs().inNamespace(NS).resource(job).updateStatus();
                // The Job's change is seen on the next poll.
                await().atMost(PATIENCE).until(() -> "Succeeded".equals(phase("checkout")));

                client.resource(Fixtures.loadTest("bad", new LoadSpec("step", 10, 20, null, null, null, null, null,
                        "no time"))).create();
                await().atMost(PATIENCE).until(() -> "Failed".equals(phase("bad")));
            }
        }
        Set<String> used = new TreeSet<>();
        int count = server.getRequestCount();
        for (int i = 0; i < count; i++) {
            RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
            if (r != null && AGENT.equals(r.getHeader("User-Agent"))) {
                used.add(Rbac.permission(r.getMethod(), r.getPath()));
            }
        }
        return used;
    }

    private Job job(String name) {
        return client.batch().v1().jobs().inNamespace(NS).withName(name + "-coordinator").get();
    }

    private LoadTest current(String name) {
        return client.resources(LoadTest.class).inNamespace(NS).withName(name).get();
    }

    private String phase(String name) {
        LoadTest t = current(name);
        return t == null || t.getStatus() == null ? null : t.getStatus().phase;
    }
}
