package dev.imager.operator.run;

import dev.imager.coordinator.config.RequestSettings;
import dev.imager.operator.OperatorSettings;
import dev.imager.operator.api.LoadTest;
import dev.imager.operator.api.RequestsSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The coordinator Job and the worker Deployment of one LoadTest, both owned by it (deleting the LoadTest deletes
 * them, and a deleted Job's pod gets SIGTERM: the run ends gracefully). Pods as the chart makes them: non-root,
 * read-only root filesystem, no Service links, a NATS identity each from the release's Secret, the release's image
 * pull secrets and scheduling rules.
 */
public final class RunObjects {

    /** Component label values. */
    public static final String COORDINATOR = "coordinator";
    public static final String WORKER = "worker";

    /** The coordinator's exit codes that fail its Job at once: thresholds failed (1), invalid configuration (2). */
    private static final List<Integer> FINAL_EXIT_CODES = List.of(1, 2);

    private RunObjects() {
    }

    /** The owner reference every object of {@code test}'s run carries. */
    public static OwnerReference owner(LoadTest test) {
        return new OwnerReferenceBuilder().withApiVersion(LoadTest.API_VERSION).withKind("LoadTest")
                .withName(test.getMetadata().getName()).withUid(test.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    /** The coordinator Job: one pod, no retries after a verdict (exit 1 or 2), a few after an infrastructure failure. */
    public static Job coordinatorJob(LoadTest test, OperatorSettings settings) {
        Map<String, String> labels = RunNames.labels(settings, test, COORDINATOR);
        List<VolumeMount> mounts = new ArrayList<>(List.of(mount("tmp", "/tmp"),
                mount("reports", CoordinatorArgs.REPORT_DIR)));
        mounts.addAll(settings.nats().mounts());
        List<Volume> volumes = new ArrayList<>(List.of(emptyDir("tmp"), emptyDir("reports")));
        volumes.addAll(settings.nats().volumes(COORDINATOR));
        RequestsSpec r = test.getSpec().requests();
        if (r != null && "file".equals(r.type())) {
            String key = r.configMap().key() == null ? "requests.json" : r.configMap().key();
            mounts.add(new VolumeMountBuilder().withName("requests").withMountPath("/config").withReadOnly(true).build());
            volumes.add(new VolumeBuilder().withName("requests").withNewConfigMap().withName(r.configMap().name())
                    .addNewItem().withKey(key).withPath("requests.json").endItem().endConfigMap().build());
        }
        Container container = container(settings, COORDINATOR, settings.coordinatorImage(),
                CoordinatorArgs.render(test, settings), settings.coordinatorTuning(), "http", settings.listenPort(), mounts)
                .withResources(resources("500m", "1", "512Mi")).build();
        boolean urlMode = "url".equals(test.getSpec().target().mode());
        String account = test.getSpec().serviceAccountName();
        if (account == null || account.isBlank()) {
            account = settings.coordinatorServiceAccount();
        }
        PodSpecBuilder pod = podSpec(settings, settings.coordinatorScheduling(), container, volumes).withRestartPolicy("Never")
                // url mode creates no Kubernetes client: no token at all.
                .withAutomountServiceAccountToken(!urlMode).withTerminationGracePeriodSeconds(30L);
        if (!account.isBlank()) {
            pod.withServiceAccountName(account);
        }
        return new JobBuilder()
                .withNewMetadata().withName(RunNames.coordinatorJob(test)).withNamespace(test.getMetadata().getNamespace())
                .withLabels(labels).withOwnerReferences(owner(test)).endMetadata()
                .withNewSpec().withBackoffLimit(2)
                .withNewPodFailurePolicy().addNewRule().withAction("FailJob").withNewOnExitCodes()
                .withContainerName(COORDINATOR).withOperator("In").withValues(FINAL_EXIT_CODES).endOnExitCodes()
                .endRule().endPodFailurePolicy()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withSpec(pod.build()).endTemplate()
                .endSpec().build();
    }

    /**
     * The flags the operator gives every run's workers itself (their values aside): what {@code --worker-args} may not
     * give again.
     */
    public static List<String> workerFlagsSetPerRun(NatsAccess nats) {
        return operatorWorkerArgs(nats, List.of(), 0);
    }

    /** The workers' flags the operator sets: NATS as {@code nats} says, where they may send, their metrics port. */
    private static List<String> operatorWorkerArgs(NatsAccess nats, List<String> allowedTargets, int metricsPort) {
        List<String> args = new ArrayList<>(nats.args(WORKER));
        args.add("--allowed-targets=" + String.join(",", allowedTargets));
        args.add("--metrics-port=" + metricsPort);
        return args;
    }

    /** The workers: {@code spec.workers.count} pods that send only to the LoadTest's target. */
    public static Deployment workerDeployment(LoadTest test, OperatorSettings settings) {
        Map<String, String> labels = RunNames.labels(settings, test, WORKER);
        List<String> args = operatorWorkerArgs(settings.nats(), AllowedTargets.of(test, settings),
                settings.workerMetricsPort());
        args.addAll(settings.workerTuning().args());
        ResourceRequirements resources = test.getSpec().workers().resources();
        List<VolumeMount> mounts = new ArrayList<>(List.of(mount("tmp", "/tmp")));
        mounts.addAll(settings.nats().mounts());
        List<Volume> volumes = new ArrayList<>(List.of(emptyDir("tmp")));
        volumes.addAll(settings.nats().volumes(WORKER));
        Container container = container(settings, WORKER, settings.workerImage(), args, settings.workerTuning(), "metrics",
                settings.workerMetricsPort(), mounts)
                .withResources(resources != null ? resources : resources("1", "1", "512Mi")).build();
        PodSpec pod = podSpec(settings, settings.workerScheduling(), container, volumes)
                .withAutomountServiceAccountToken(false)
                .withTerminationGracePeriodSeconds(workerGraceSeconds(settings.workerTuning())).build();
        return new DeploymentBuilder()
                .withNewMetadata().withName(RunNames.workerDeployment(test)).withNamespace(test.getMetadata().getNamespace())
                .withLabels(labels).withOwnerReferences(owner(test)).endMetadata()
                .withNewSpec().withReplicas(test.getSpec().workers().countOrDefault())
                .withNewSelector().withMatchLabels(RunNames.selector(settings, test, WORKER)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withSpec(pod).endTemplate()
                .endSpec().build();
    }

    /**
     * A draining worker's time, as the chart gives its own: the drain timeout, the requests in flight their timeout
     * (the coordinator's default: a LoadTest sets none), and 18 s for the final results, closing NATS and the JVM.
     */
    static long workerGraceSeconds(ProgramTuning tuning) {
        return tuning.drainTimeout().plus(RequestSettings.DEFAULTS.timeout()).plusSeconds(18).toSeconds();
    }

    private static ContainerBuilder container(OperatorSettings settings, String name, String image, List<String> args,
            ProgramTuning tuning, String portName, int port, List<VolumeMount> mounts) {
        // The secret of this program's identity only: a worker never holds the coordinator's.
        List<EnvVar> env = new ArrayList<>(settings.nats().env(name));
        env.addAll(tuning.env());
        return new ContainerBuilder().withName(name).withImage(image).withImagePullPolicy(settings.imagePullPolicy())
                .withArgs(args).withEnv(env).addNewPort().withName(portName).withContainerPort(port).endPort()
                .withNewReadinessProbe().withNewHttpGet().withPath("/healthz").withNewPort(portName).endHttpGet()
                .withPeriodSeconds(5).endReadinessProbe()
                .withVolumeMounts(mounts)
                .withSecurityContext(new SecurityContextBuilder().withAllowPrivilegeEscalation(false)
                        .withReadOnlyRootFilesystem(true).withNewCapabilities().withDrop("ALL").endCapabilities().build());
    }

    private static PodSpecBuilder podSpec(OperatorSettings settings, PodScheduling scheduling, Container container,
            List<Volume> volumes) {
        PodSpecBuilder pod = new PodSpecBuilder();
        scheduling.applyTo(pod);
        settings.imagePullSecrets().forEach(name -> pod.addNewImagePullSecret(name));
        return pod.withContainers(container).withVolumes(volumes)
                // Every flag also reads an IMAGER_* variable: keep Service links out of the environment.
                .withEnableServiceLinks(false)
                .withSecurityContext(new PodSecurityContextBuilder().withRunAsNonRoot(true).withRunAsUser(10001L)
                        .withRunAsGroup(10001L).withFsGroup(10001L).withNewSeccompProfile().withType("RuntimeDefault")
                        .endSeccompProfile().build());
    }

    private static VolumeMount mount(String name, String path) {
        return new VolumeMountBuilder().withName(name).withMountPath(path).build();
    }

    private static Volume emptyDir(String name) {
        return new VolumeBuilder().withName(name).withNewEmptyDir().endEmptyDir().build();
    }

    private static ResourceRequirements resources(String cpuRequest, String cpuLimit, String memory) {
        return new ResourceRequirementsBuilder()
                .withRequests(Map.of("cpu", new Quantity(cpuRequest), "memory", new Quantity(memory)))
                .withLimits(Map.of("cpu", new Quantity(cpuLimit), "memory", new Quantity(memory))).build();
    }
}
