package dev.imager.operator;

import dev.imager.coordinator.status.RunStatus;
import dev.imager.operator.api.LoadTest;
import dev.imager.operator.api.LoadTestStatus;
import dev.imager.operator.api.Phase;
import dev.imager.operator.coordinator.CoordinatorEndpoint;
import dev.imager.operator.run.RunNames;
import dev.imager.operator.run.RunObjects;
import dev.imager.operator.run.SpecCheck;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one LoadTest one step further, from what the API server and its coordinator say now (level-triggered: a
 * restarted controller picks every run up where it stands). Returns when to look again: the poll interval while
 * the run lasts, never once it has ended.
 *
 * <p>The steps: a bad spec fails at once (every problem in the status); a new LoadTest gets its worker Deployment
 * (unless it uses the shared fleet) and its coordinator Job; a running one copies the coordinator's
 * {@code /status} into its status and, once the coordinator has finished, its report into a ConfigMap; an ended
 * Job gives the verdict (from the coordinator's exit code), the summary, and removes the workers.
 */
public final class LoadTestReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(LoadTestReconciler.class);

    private final KubernetesClient client;
    private final OperatorSettings settings;
    private final CoordinatorEndpoint coordinator;
    private final ReportStore reports;
    private final PhaseEvents events;
    private final Clock clock;

    public LoadTestReconciler(KubernetesClient client, OperatorSettings settings, CoordinatorEndpoint coordinator,
            Clock clock) {
        this.client = client;
        this.settings = settings;
        this.coordinator = coordinator;
        this.reports = new ReportStore(client, coordinator, settings);
        this.events = new PhaseEvents(client);
        this.clock = clock;
    }

    /** One step for {@code test} (the informer's copy, not modified); returns when to look again, if ever. */
    public Optional<Duration> reconcile(LoadTest test) {
        LoadTestStatus before = test.getStatus() == null ? new LoadTestStatus() : test.getStatus();
        Phase phase = Phase.of(before.phase);
        if (phase != null && phase.terminal()) {
            return Optional.empty();
        }
        LoadTestStatus status = before.copy();
        status.observedGeneration = test.getMetadata().getGeneration();

        String ns = test.getMetadata().getNamespace();
        Job job = client.batch().v1().jobs().inNamespace(ns).withName(RunNames.coordinatorJob(test)).get();
        if (job == null) {
            // Checked before the start only: a run that has started keeps the spec it started with.
            List<String> problems = SpecCheck.problems(test, settings);
            if (!problems.isEmpty()) {
                status.phase = Phase.FAILED.label();
                status.reason = "InvalidSpec";
                status.message = String.join("; ", problems);
                status.completionTime = clock.instant().toString();
                write(test, before, status);
                return Optional.empty();
            }
            start(test);
            status.phase = Phase.PENDING.label();
            status.reason = "Created";
            status.message = "coordinator Job " + RunNames.coordinatorJob(test) + (test.getSpec().workers().isShared()
                    ? ", shared workers" : ", worker Deployment " + RunNames.workerDeployment(test));
            status.startTime = clock.instant().toString();
            write(test, before, status);
            return Optional.of(settings.pollInterval());
        }

        if (status.phase == null) { // started by an operator that stopped before it wrote the status
            status.phase = Phase.PENDING.label();
            status.reason = "Created";
            status.message = "coordinator Job " + RunNames.coordinatorJob(test);
        }
        Optional<Boolean> ended = ended(job);
        Optional<Pod> pod = coordinatorPod(test);
        if (ended.isPresent()) {
            finish(test, status, ended.get(), pod);
            write(test, before, status);
            return Optional.empty();
        }
        pod.flatMap(this::podAddress).ifPresent(base -> observe(test, status, base));
        write(test, before, status);
        return Optional.of(settings.pollInterval());
    }

    /** Creates the run's objects; one left by an earlier attempt (a crash between the two) is kept. */
    private void start(LoadTest test) {
        String ns = test.getMetadata().getNamespace();
        if (!test.getSpec().workers().isShared()) {
            createIfAbsent(() -> client.apps().deployments().inNamespace(ns)
                    .resource(RunObjects.workerDeployment(test, settings)).create());
        }
        createIfAbsent(() -> client.batch().v1().jobs().inNamespace(ns)
                .resource(RunObjects.coordinatorJob(test, settings)).create());
        if (settings.networkPolicies()) {
            for (var policy : RunNetworkPolicies.of(test, settings)) {
                createIfAbsent(() -> client.network().v1().networkPolicies().inNamespace(ns).resource(policy).create());
            }
        }
    }

    private static void createIfAbsent(Runnable create) {
        try {
            create.run();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    /** Copies the coordinator's status in; once it has finished, fetches its report. */
    private void observe(LoadTest test, LoadTestStatus status, URI base) {
        RunStatus run;
        try {
            run = coordinator.status(base);
        } catch (IOException e) {
            // Not up yet, or its run server has closed and the report hold server not yet opened.
            LOG.debug("loadtest {}: coordinator at {}: {}", test.getMetadata().getName(), base, e.getMessage());
            // Once it has answered, a silent coordinator may be between its run server and its report hold.
            if (status.coordinatorState != null && status.reportConfigMap == null) {
                storeReport(test, status, base);
            }
            return;
        }
        StatusSummary.copy(run, status);
        status.phase = "waiting-for-workers".equals(run.state()) ? Phase.STARTING.label() : Phase.RUNNING.label();
        status.reason = run.state().equals("waiting-for-workers") ? "WaitingForWorkers" : "Running";
        status.message = StatusSummary.progress(run);
        if (("finished".equals(run.state()) || "reported".equals(run.state())) && status.reportConfigMap == null) {
            storeReport(test, status, base);
        }
    }

    private void storeReport(LoadTest test, LoadTestStatus status, URI base) {
        ReportStore.Outcome outcome = reports.store(test, base);
        if (outcome instanceof ReportStore.Outcome.Stored stored) {
            status.reportConfigMap = stored.configMap();
        } else if (outcome instanceof ReportStore.Outcome.TooLarge tooLarge) {
            status.reportConfigMap = "";
            status.message = tooLarge.message();
        }
    }

    /** The verdict of an ended Job: exit code, thresholds, summary; the workers go. */
    private void finish(LoadTest test, LoadTestStatus status, boolean succeeded, Optional<Pod> pod) {
        Integer exit = pod.flatMap(LoadTestReconciler::exitCode).orElse(null);
        status.exitCode = exit;
        status.phase = succeeded ? Phase.SUCCEEDED.label() : Phase.FAILED.label();
        status.reason = Verdict.reason(succeeded, exit);
        status.thresholds = Verdict.thresholds(test.getSpec().thresholds().isEmpty(), succeeded, exit);
        status.message = StatusSummary.summary(status);
        status.completionTime = clock.instant().toString();
        if (!test.getSpec().workers().isShared()) {
            client.apps().deployments().inNamespace(test.getMetadata().getNamespace())
                    .withName(RunNames.workerDeployment(test)).delete();
        }
    }

    /** True when the Job completed, false when it failed, empty while it runs. */
    private static Optional<Boolean> ended(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        for (var c : job.getStatus().getConditions()) {
            if ("True".equals(c.getStatus()) && "Complete".equals(c.getType())) {
                return Optional.of(true);
            }
            if ("True".equals(c.getStatus()) && "Failed".equals(c.getType())) {
                return Optional.of(false);
            }
        }
        return Optional.empty();
    }

    /** The Job's newest pod. */
    private Optional<Pod> coordinatorPod(LoadTest test) {
        List<Pod> pods = client.pods().inNamespace(test.getMetadata().getNamespace())
                .withLabels(RunNames.selector(settings, test, RunObjects.COORDINATOR)).list().getItems();
        return pods.stream().max((a, b) -> String.valueOf(a.getMetadata().getCreationTimestamp())
                .compareTo(String.valueOf(b.getMetadata().getCreationTimestamp())));
    }

    private Optional<URI> podAddress(Pod pod) {
        if (pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase())
                || pod.getStatus().getPodIP() == null) {
            return Optional.empty();
        }
        String ip = pod.getStatus().getPodIP();
        return Optional.of(URI.create("http://" + (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + settings.listenPort()));
    }

    private static Optional<Integer> exitCode(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getContainerStatuses().stream()
                .filter(c -> RunObjects.COORDINATOR.equals(c.getName()) && c.getState() != null
                        && c.getState().getTerminated() != null)
                .map(c -> c.getState().getTerminated().getExitCode()).findFirst();
    }

    /** Writes the status when it changed, with an Event when the phase did. */
    private void write(LoadTest test, LoadTestStatus before, LoadTestStatus after) {
        if (after.equals(before)) {
            return;
        }
        LoadTest patch = new LoadTest();
        patch.setMetadata(new ObjectMetaBuilder().withName(test.getMetadata().getName())
                .withNamespace(test.getMetadata().getNamespace()).build());
        patch.setStatus(after);
        client.resources(LoadTest.class).inNamespace(test.getMetadata().getNamespace()).resource(patch).patchStatus();
        if (!Objects.equals(after.phase, before.phase)) {
            Phase phase = Phase.of(after.phase);
            events.record(test, phase == Phase.FAILED, after.reason != null ? after.reason : after.phase,
                    after.phase + ": " + after.message, clock.instant());
            LOG.info("loadtest {}/{}: {} ({}): {}", test.getMetadata().getNamespace(), test.getMetadata().getName(),
                    after.phase, after.reason, after.message);
        }
    }
}
