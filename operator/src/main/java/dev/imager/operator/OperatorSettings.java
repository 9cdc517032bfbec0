package dev.imager.operator;

import dev.imager.operator.run.NatsAccess;
import dev.imager.operator.run.PodScheduling;
import dev.imager.operator.run.ProgramTuning;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the controller puts into every run it starts, from its flags ({@link OperatorCommand}; the chart renders
 * them from its values): images, how the pods reach NATS and as whom, the labels the chart's NetworkPolicies
 * select, and how often a running LoadTest is looked at.
 *
 * @param namespace the namespace whose LoadTests are run (the release namespace)
 * @param coordinatorImage image of the coordinator Jobs
 * @param workerImage image of the worker Deployments
 * @param imagePullPolicy of both
 * @param nats how the pods reach NATS, and as whom
 * @param appName {@code app.kubernetes.io/name} of the pods (the chart's name)
 * @param instance {@code app.kubernetes.io/instance} of the pods (the release)
 * @param coordinatorServiceAccount ServiceAccount of coordinator pods whose spec names none
 * @param listenPort the coordinators' {@code -listen-port} (/status, /report.json)
 * @param workerMetricsPort the workers' {@code --metrics-port}
 * @param podNetworkCidrs pod mode: where target pods' addresses come from (workers' --allowed-targets)
 * @param pollInterval how often a running LoadTest's coordinator is asked for its status
 * @param reportHold how long a finished coordinator waits for its report to be fetched
 * @param networkPolicies create a NetworkPolicy per run letting its pods reach its target
 * @param imagePullSecrets Secrets the pods pull their images with (the chart's imagePullSecrets)
 * @param coordinatorScheduling where coordinator pods may go (the chart's coordinator scheduling values)
 * @param workerScheduling where worker pods may go (the chart's worker scheduling values)
 * @param coordinatorTuning JVM options of coordinator pods (the chart's coordinator.javaOpts)
 * @param workerTuning flags and JVM options of worker pods (the chart's worker tuning values, extraArgs, javaOpts)
 */
public record OperatorSettings(
        String namespace,
        String coordinatorImage,
        String workerImage,
        String imagePullPolicy,
        NatsAccess nats,
        String appName,
        String instance,
        String coordinatorServiceAccount,
        int listenPort,
        int workerMetricsPort,
        List<String> podNetworkCidrs,
        Duration pollInterval,
        Duration reportHold,
        boolean networkPolicies,
        List<String> imagePullSecrets,
        PodScheduling coordinatorScheduling,
        PodScheduling workerScheduling,
        ProgramTuning coordinatorTuning,
        ProgramTuning workerTuning) {

    /** The coordinators' {@code -listen-port}, as the chart's. */
    public static final int DEFAULT_LISTEN_PORT = 8099;
    /** The workers' {@code --metrics-port}, as the chart's. */
    public static final int DEFAULT_WORKER_METRICS_PORT = 9100;
    /** Status polls of a running LoadTest. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
    /** A few polls' time: the report is fetched on the first poll after the run ends. */
    public static final Duration DEFAULT_REPORT_HOLD = Duration.ofSeconds(60);

    public OperatorSettings {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(coordinatorImage, "coordinatorImage");
        Objects.requireNonNull(workerImage, "workerImage");
        Objects.requireNonNull(nats, "nats");
        imagePullPolicy = imagePullPolicy == null || imagePullPolicy.isBlank() ? "IfNotPresent" : imagePullPolicy;
        appName = appName == null || appName.isBlank() ? "imager" : appName;
        instance = instance == null ? "" : instance;
        coordinatorServiceAccount = coordinatorServiceAccount == null ? "" : coordinatorServiceAccount;
        podNetworkCidrs = podNetworkCidrs == null ? List.of() : List.copyOf(podNetworkCidrs);
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(reportHold, "reportHold");
        imagePullSecrets = imagePullSecrets == null ? List.of()
                : imagePullSecrets.stream().filter(name -> name != null && !name.isBlank()).toList();
        coordinatorScheduling = coordinatorScheduling == null ? PodScheduling.NONE : coordinatorScheduling;
        workerScheduling = workerScheduling == null ? PodScheduling.NONE : workerScheduling;
        coordinatorTuning = coordinatorTuning == null ? ProgramTuning.NONE : coordinatorTuning;
        workerTuning = workerTuning == null ? ProgramTuning.NONE : workerTuning;
    }

    /** Settings with no pull secrets, no scheduling rules and the programs' defaults. */
    public OperatorSettings(String namespace, String coordinatorImage, String workerImage, String imagePullPolicy,
            NatsAccess nats, String appName, String instance, String coordinatorServiceAccount, int listenPort,
            int workerMetricsPort, List<String> podNetworkCidrs, Duration pollInterval, Duration reportHold,
            boolean networkPolicies) {
        this(namespace, coordinatorImage, workerImage, imagePullPolicy, nats, appName, instance,
                coordinatorServiceAccount, listenPort, workerMetricsPort, podNetworkCidrs, pollInterval, reportHold,
                networkPolicies, List.of(), PodScheduling.NONE, PodScheduling.NONE, ProgramTuning.NONE,
                ProgramTuning.NONE);
    }
}
