package dev.imager.operator;

import static dev.imager.operator.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imager.operator.api.LoadTest;
import dev.imager.operator.coordinator.CoordinatorEndpoint;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The controller as it runs: its informer sees a LoadTest appear, it starts the run, polls the coordinator while
 * it lasts (real HTTP on 127.0.0.1), and a deleted LoadTest is no longer looked at (the objects it owned carry
 * owner references: the API server's garbage collector, absent from the mock, removes them).
 */
@EnableKubernetesMockClient(crud = true, https = false)
class LoadTestControllerIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    KubernetesClient client;

    @Test
    void runsALoadTestFromCreationToDeletion() throws Exception {
        Fixtures.installCrd(client);
        try (FakeCoordinator coordinator = new FakeCoordinator()) {
            OperatorSettings settings = Fixtures.settings(coordinator.port(), false);
            LoadTestReconciler reconciler = new LoadTestReconciler(client, settings, new CoordinatorEndpoint(),
                    Clock.systemUTC());
            try (LoadTestController controller = new LoadTestController(client, settings, reconciler).start()) {
                LoadTest created = client.resource(Fixtures.loadTest("checkout")).create();

                Job job = await().atMost(PATIENCE).until(
                        () -> client.batch().v1().jobs().inNamespace(NS).withName("checkout-coordinator").get(),
                        j -> j != null);
                assertThat(job.getMetadata().getOwnerReferences()).singleElement()
                        .satisfies(o -> assertThat(o.getUid()).isEqualTo(created.getMetadata().getUid()));

                client.resource(Fixtures.runningCoordinatorPod(created, settings)).create();
                coordinator.serve("/status", FakeCoordinator.status("running", 3, "ramp", 100, 99.5, 10, 20, 300,
                        300, 0, 3, null));
                await().atMost(PATIENCE).until(() -> phase("checkout"), "Running"::equals);
                assertThat(current("checkout").getStatus().achievedRate).isEqualTo(99.5);

                // Deleted: the polls stop. A poll already under way may still land; then none for many intervals.
                client.resources(LoadTest.class).inNamespace(NS).withName("checkout").delete();
                await().atMost(PATIENCE).until(() -> current("checkout") == null);
                int[] last = {coordinator.hits("/status")};
                await().atMost(PATIENCE).pollInterval(settings.pollInterval().multipliedBy(3)).until(() -> {
                    int now = coordinator.hits("/status");
                    boolean quiet = now == last[0];
                    last[0] = now;
                    return quiet;
                });
                int settled = coordinator.hits("/status");
                await().during(settings.pollInterval().multipliedBy(10)).atMost(PATIENCE)
                        .until(() -> coordinator.hits("/status") == settled);
                assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).as("one run, none again")
                        .hasSize(1);
            }
        }
    }

    @Test
    void healthyWhileItWatchesAndNotOnceStopped() {
        Fixtures.installCrd(client);
        OperatorSettings settings = Fixtures.settings(1, false);
        LoadTestReconciler reconciler = new LoadTestReconciler(client, settings, new CoordinatorEndpoint(),
                Clock.systemUTC());
        LoadTestController controller = new LoadTestController(client, settings, reconciler);
        assertThat(controller.healthy()).as("before it watches").isFalse();
        try (controller) {
            controller.start();
            await().atMost(PATIENCE).until(controller::healthy);
        }
        assertThat(controller.healthy()).as("once stopped").isFalse();
    }

    private LoadTest current(String name) {
        return client.resources(LoadTest.class).inNamespace(NS).withName(name).get();
    }

    private String phase(String name) {
        LoadTest t = current(name);
        return t == null || t.getStatus() == null ? null : t.getStatus().phase;
    }
}
