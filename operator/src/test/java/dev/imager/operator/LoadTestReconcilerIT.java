package dev.imager.operator;

import static dev.imager.operator.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.operator.api.LoadSpec;
import dev.imager.operator.api.LoadTest;
import dev.imager.operator.api.LoadTestStatus;
import dev.imager.operator.api.WorkersSpec;
import dev.imager.operator.coordinator.CoordinatorEndpoint;
import dev.imager.operator.run.RunNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reconcile logic step by step against the fabric8 mock API server in CRUD mode, with a real HTTP server on
 * 127.0.0.1 as the run's coordinator. The test plays the Job controller and the kubelet (pods, Job conditions).
 */
@EnableKubernetesMockClient(crud = true, https = false)
class LoadTestReconcilerIT {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T03:00:00Z"), ZoneOffset.UTC);

    KubernetesClient client;
    private FakeCoordinator coordinator;
    private OperatorSettings settings;
    private LoadTestReconciler reconciler;

    @BeforeEach
    void setUp() throws Exception {
        Fixtures.installCrd(client);
        coordinator = new FakeCoordinator();
        settings = Fixtures.settings(coordinator.port(), true);
        reconciler = new LoadTestReconciler(client, settings, new CoordinatorEndpoint(), CLOCK);
    }

    @AfterEach
    void tearDown() {
        coordinator.close();
    }

    @Test
    void aNewLoadTestGetsItsCoordinatorJobAndWorkersOwnedByIt() {
        LoadTest created = client.resource(Fixtures.loadTest("checkout")).create();

        assertThat(reconciler.reconcile(current("checkout"))).contains(settings.pollInterval());

        Job job = client.batch().v1().jobs().inNamespace(NS).withName("checkout-coordinator").get();
        Deployment workers = client.apps().deployments().inNamespace(NS).withName("checkout-workers").get();
        assertThat(job).isNotNull();
        assertThat(workers).isNotNull();
        for (var meta : List.of(job.getMetadata(), workers.getMetadata())) {
            assertThat(meta.getOwnerReferences()).singleElement().satisfies(o -> {
                assertThat(o.getKind()).isEqualTo("LoadTest");
                assertThat(o.getUid()).isEqualTo(created.getMetadata().getUid());
                assertThat(o.getController()).isTrue();
            });
        }
        var coordinatorPod = job.getSpec().getTemplate();
        assertThat(coordinatorPod.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "imager")
                .containsEntry("app.kubernetes.io/instance", Fixtures.RELEASE)
                .containsEntry("app.kubernetes.io/component", "coordinator")
                .containsEntry(RunNames.LOADTEST_LABEL, "checkout");
        var args = coordinatorPod.getSpec().getContainers().get(0).getArgs();
        assertThat(args).contains("-target-mode=url", "-target-url=http://sum.apps.svc:8080", "-min-rps=50",
                "-max-rps=400", "--warmup=2s", "--duration=60s", "--threshold=p99<250ms", "--min-workers=3",
                "--nats-user=imager-coordinator", "--report-hold=1m0s", "--report-dir=/reports");
        assertThat(coordinatorPod.getSpec().getAutomountServiceAccountToken()).as("url mode needs no token").isFalse();
        assertThat(coordinatorPod.getSpec().getContainers().get(0).getEnv()).singleElement().satisfies(e -> {
            assertThat(e.getName()).isEqualTo("IMAGER_NATS_PASSWORD");
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo(Fixtures.SECRET);
            assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("coordinator-password");
        });
        var worker = workers.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(workers.getSpec().getReplicas()).isEqualTo(3);
        assertThat(workers.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/component", "worker");
        assertThat(worker.getArgs()).contains("--allowed-targets=sum.apps.svc:8080", "--nats-user=imager-worker");
        assertThat(worker.getEnv()).singleElement()
                .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("worker-password"));

        List<NetworkPolicy> policies = client.network().v1().networkPolicies().inNamespace(NS).list().getItems();
        assertThat(policies).extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder("checkout-worker", "checkout-coordinator");
        NetworkPolicy workerPolicy = policies.stream().filter(p -> p.getMetadata().getName().equals("checkout-worker"))
                .findFirst().orElseThrow();
        assertThat(workerPolicy.getSpec().getEgress()).singleElement().satisfies(rule -> assertThat(
                rule.getTo().get(0).getNamespaceSelector().getMatchLabels())
                .containsEntry("kubernetes.io/metadata.name", "apps"));

        LoadTestStatus status = current("checkout").getStatus();
        assertThat(status.phase).isEqualTo("Pending");
        assertThat(status.startTime).isEqualTo("2026-12-07T03:00:00Z");
        assertThat(events("checkout")).extracting(Event::getReason).containsExactly("Created");
    }

    @Test
    void aRunningCoordinatorsStatusIsCopiedIntoTheLoadTest() {
        client.resource(Fixtures.loadTest("checkout")).create();
        reconciler.reconcile(current("checkout"));
        client.resource(Fixtures.runningCoordinatorPod(current("checkout"), settings)).create();
        coordinator.serve("/status", FakeCoordinator.status("waiting-for-workers", -1, "", 0, 0, 0, 0, 0, 0, 0, 1,
                null));

        reconciler.reconcile(current("checkout"));
        assertThat(current("checkout").getStatus().phase).isEqualTo("Starting");

        coordinator.serve("/status", FakeCoordinator.status("running", 7, "ramp", 160, 159.84, 12.3, 41.26, 900,
                890, 10, 3, null));
        assertThat(reconciler.reconcile(current("checkout"))).contains(settings.pollInterval());

        LoadTestStatus s = current("checkout").getStatus();
        assertThat(s.phase).isEqualTo("Running");
        assertThat(s.round).isEqualTo(7);
        assertThat(s.calculatorPhase).isEqualTo("ramp");
        assertThat(s.plannedRate).isEqualTo(160.0);
        assertThat(s.achievedRate).isEqualTo(159.8);
        assertThat(s.p50Ms).isEqualTo(12.3);
        assertThat(s.p99Ms).isEqualTo(41.3);
        assertThat(s.outcomes).isEqualTo(new LoadTestStatus.Outcomes(900, 900, 890, 10, 0, 0));
        assertThat(s.liveWorkers).isEqualTo(3);
        assertThat(s.capacityRps).isNull();
        assertThat(s.runId).isEqualTo("run-1234abcd");
        assertThat(coordinator.hits("/status")).isEqualTo(2);
        assertThat(events("checkout")).extracting(Event::getReason)
                .containsExactlyInAnyOrder("Created", "WaitingForWorkers", "Running");
    }

    @Test
    void aFinishedRunLeavesItsReportVerdictAndSummaryAndItsWorkersGo() {
        client.resource(Fixtures.loadTest("checkout")).create();
        reconciler.reconcile(current("checkout"));
        client.resource(Fixtures.runningCoordinatorPod(current("checkout"), settings)).create();
        coordinator.serve("/status", FakeCoordinator.status("finished", 60, "steady", 200, 199.5, 15, 87.04, 12000,
                11990, 10, 3, 199.0));
        reconciler.reconcile(current("checkout"));
        assertThat(current("checkout").getStatus().reportConfigMap).as("no report served yet").isNull();

        // The run server closed; the report hold serves the files.
        coordinator.serve("/status", null);
        coordinator.serve("/report.json", "{\"totals\":{\"planned\":12000}}");
        coordinator.serve("/report.html", "<!doctype html><title>imager report</title>");
        reconciler.reconcile(current("checkout"));
        ConfigMap report = client.configMaps().inNamespace(NS).withName("checkout-report").get();
        assertThat(report.getData()).containsEntry("report.json", "{\"totals\":{\"planned\":12000}}")
                .containsEntry("report.html", "<!doctype html><title>imager report</title>");
        assertThat(report.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getName()).isEqualTo("checkout"));
        assertThat(current("checkout").getStatus().reportConfigMap).isEqualTo("checkout-report");

        endJob("checkout", true, 0);
        assertThat(reconciler.reconcile(current("checkout"))).isEmpty();

        LoadTestStatus s = current("checkout").getStatus();
        assertThat(s.phase).isEqualTo("Succeeded");
        assertThat(s.reason).isEqualTo("Completed");
        assertThat(s.thresholds).isEqualTo("Passed");
        assertThat(s.exitCode).isZero();
        assertThat(s.capacityRps).isEqualTo(199.0);
        assertThat(s.completionTime).isEqualTo("2026-12-07T03:00:00Z");
        assertThat(s.message).isEqualTo("capacity 199.0 rps; 12000 planned: 11990 ok, 10 failed, 0 dropped, 0 lost;"
                + " last round p99 87.0 ms; exit 0: done, thresholds passed");
        assertThat(client.apps().deployments().inNamespace(NS).withName("checkout-workers").get()).isNull();
        assertThat(events("checkout")).extracting(Event::getReason).contains("Completed");

        int polls = coordinator.hits("/status");
        assertThat(reconciler.reconcile(current("checkout"))).as("an ended run is left alone").isEmpty();
        assertThat(coordinator.hits("/status")).isEqualTo(polls);
    }

    @Test
    void aReportOverAConfigMapIsStoredCompressedAndOneThatDoesNotFitEvenSoIsNot() throws Exception {
        // A long run's report: many rows alike, over the 1 MiB of a ConfigMap as text.
        StringBuilder rows = new StringBuilder("{\"rounds\":[");
        for (int round = 0; round < 40_000; round++) {
            rows.append(round == 0 ? "" : ",").append("{\"round\":").append(round)
                    .append(",\"planned\":200,\"ok\":199,\"failed\":1,\"p99Ms\":87.0}");
        }
        String json = rows.append("]}").toString();
        String html = "<!doctype html><title>imager report</title><script>const report = " + json + ";</script>";
        assertThat(json.length()).isGreaterThan(2 * 1024 * 1024);
        finishedRunServing("long", json, html);
        ConfigMap report = client.configMaps().inNamespace(NS).withName("long-report").get();
        assertThat(report.getData()).isNullOrEmpty();
        assertThat(gunzip(report.getBinaryData().get("report.json.gz"))).isEqualTo(json);
        assertThat(gunzip(report.getBinaryData().get("report.html.gz"))).isEqualTo(html);
        assertThat(current("long").getStatus().reportConfigMap).isEqualTo("long-report");

        // Random text compresses to about half: still over 1 MiB.
        byte[] noise = new byte[1536 * 1024];
        new java.util.Random(7).nextBytes(noise);
        String incompressible = "{\"noise\":\"" + java.util.HexFormat.of().formatHex(noise) + "\"}";
        finishedRunServing("noisy", incompressible, "<!doctype html>");
        assertThat(client.configMaps().inNamespace(NS).withName("noisy-report").get()).isNull();
        assertThat(current("noisy").getStatus().reportConfigMap).isEmpty();
        assertThat(current("noisy").getStatus().message).contains("exceed the 1 MiB of a ConfigMap even gzip-compressed");
    }

    /** A LoadTest {@code name} whose run has finished, its coordinator serving these report files, reconciled. */
    private void finishedRunServing(String name, String json, String html) {
        client.resource(Fixtures.loadTest(name)).create();
        reconciler.reconcile(current(name));
        client.resource(Fixtures.runningCoordinatorPod(current(name), settings)).create();
        coordinator.serve("/report.json", json);
        coordinator.serve("/report.html", html);
        coordinator.serve("/status", FakeCoordinator.status("finished", 60, "steady", 200, 199.5, 15, 87.04, 12000,
                11990, 10, 3, 199.0));
        reconciler.reconcile(current(name));
        coordinator.serve("/status", null);
        reconciler.reconcile(current(name));
    }

    private static String gunzip(String base64) throws java.io.IOException {
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(java.util.Base64.getDecoder().decode(base64)))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void aFailedThresholdFailsTheLoadTest() {
        client.resource(Fixtures.loadTest("checkout")).create();
        reconciler.reconcile(current("checkout"));
        endJob("checkout", false, 1);

        reconciler.reconcile(current("checkout"));

        LoadTestStatus s = current("checkout").getStatus();
        assertThat(s.phase).isEqualTo("Failed");
        assertThat(s.reason).isEqualTo("ThresholdsFailed");
        assertThat(s.thresholds).isEqualTo("Failed");
        assertThat(s.exitCode).isEqualTo(1);
        assertThat(events("checkout")).filteredOn(e -> e.getReason().equals("ThresholdsFailed"))
                .singleElement().satisfies(e -> assertThat(e.getType()).isEqualTo("Warning"));
    }

    @Test
    void aBadSpecIsRejectedWithEveryProblemAndStartsNothing() {
        // Schema-valid values the coordinator's own rules reject: maxRps below minRps, a malformed threshold.
        LoadTest bad = Fixtures.loadTest("bad", new LoadSpec("step", 300, 200, 0, null, null, null, null, "1m"));
        bad.setSpec(new dev.imager.operator.api.LoadTestSpec(bad.getSpec().target(), bad.getSpec().load(),
                bad.getSpec().requests(), bad.getSpec().workers(), List.of("p99 is small"), null));
        client.resource(bad).create();

        assertThat(reconciler.reconcile(current("bad"))).isEmpty();

        LoadTestStatus s = current("bad").getStatus();
        assertThat(s.phase).isEqualTo("Failed");
        assertThat(s.reason).isEqualTo("InvalidSpec");
        assertThat(s.message).contains("spec.load.maxRps (-max-rps): must be >= -min-rps (300), got 200")
                .contains("spec.load.stepRps (-step-rps)").contains("spec.thresholds");
        assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(events("bad")).singleElement().satisfies(e -> {
            assertThat(e.getReason()).isEqualTo("InvalidSpec");
            assertThat(e.getType()).isEqualTo("Warning");
        });
    }

    @Test
    void sharedWorkersStartNoDeployment() {
        LoadTest shared = Fixtures.loadTest("shared");
        shared.setSpec(new dev.imager.operator.api.LoadTestSpec(shared.getSpec().target(), shared.getSpec().load(),
                shared.getSpec().requests(), new WorkersSpec(2, true, null), List.of(), null));
        client.resource(shared).create();

        reconciler.reconcile(current("shared"));

        assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).isEmpty();
        Job job = client.batch().v1().jobs().inNamespace(NS).withName("shared-coordinator").get();
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).contains("--min-workers=2");
        endJob("shared", true, 0);
        reconciler.reconcile(current("shared"));
        assertThat(current("shared").getStatus().thresholds).isEqualTo("None");
    }

    @Test
    void aRestartedOperatorPicksUpARunWhoseStatusItNeverWrote() {
        LoadTest test = client.resource(Fixtures.loadTest("checkout")).create();
        client.resource(dev.imager.operator.run.RunObjects.coordinatorJob(test, settings)).create();

        assertThat(reconciler.reconcile(current("checkout"))).contains(settings.pollInterval());

        assertThat(current("checkout").getStatus().phase).isEqualTo("Pending");
        assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).hasSize(1);
    }

    @Test
    void aSpecEditedAfterTheStartChangesNothing() {
        client.resource(Fixtures.loadTest("checkout")).create();
        reconciler.reconcile(current("checkout"));
        LoadTest edited = current("checkout");
        edited.setSpec(new dev.imager.operator.api.LoadTestSpec(edited.getSpec().target(),
                new LoadSpec("step", 300, 200, 0, null, null, null, null, "1m"), edited.getSpec().requests(),
                edited.getSpec().workers(), List.of(), null));
        client.resource(edited).update();

        assertThat(reconciler.reconcile(current("checkout"))).contains(settings.pollInterval());

        assertThat(current("checkout").getStatus().phase).isEqualTo("Pending");
    }

    private LoadTest current(String name) {
        return client.resources(LoadTest.class).inNamespace(NS).withName(name).get();
    }

    private List<Event> events(String name) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> e.getInvolvedObject().getName().equals(name)).toList();
    }

    /** Plays the Job controller: the pod exited with {@code exit}, the Job is Complete or Failed. */
    private void endJob(String name, boolean complete, int exit) {
        LoadTest test = current(name);
        client.pods().inNamespace(NS).withLabels(RunNames.selector(settings, test, "coordinator")).delete();
        client.resource(Fixtures.exitedCoordinatorPod(test, settings, exit)).create();
        Job job = client.batch().v1().jobs().inNamespace(NS).withName(RunNames.coordinatorJob(test)).get();
        job.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder().withConditions(
                new JobConditionBuilder().withType(complete ? "Complete" : "Failed").withStatus("True").build()).build());
        client.batch().v1().jobs().inNamespace(NS).resource(job).updateStatus();
    }
}
