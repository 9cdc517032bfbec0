package dev.imager.operator;

import dev.imager.protocol.cli.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The operator's flags (docs/loadtest-resource.md#the-controller); the chart renders them from its values. */
@Command(name = "operator", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs LoadTest resources (loadtests.imager.dev) of one namespace: a coordinator Job and workers each.")
final class OperatorCommand {

    @Option(names = "--namespace", description = "Namespace whose LoadTests are run. Default: $POD_NAMESPACE, else the"
            + " kubeconfig's.")
    String namespace;

    @Option(names = "--coordinator-image", required = true, description = "Image of the coordinator Jobs.")
    String coordinatorImage;

    @Option(names = "--worker-image", required = true, description = "Image of the worker Deployments.")
    String workerImage;

    @Option(names = "--image-pull-policy", defaultValue = "IfNotPresent", description = "Of both images.")
    String imagePullPolicy;

    @Option(names = "--nats-url", required = true, description = "--nats-url of the pods.")
    String natsUrl;

    @Option(names = "--subject-prefix", defaultValue = "imager", description = "--subject-prefix of the pods.")
    String subjectPrefix;

    @Option(names = "--nats-auth-secret", defaultValue = "", description = "Secret with keys coordinator-password and"
            + " worker-password (the release's NATS identities). Empty: NATS without authentication.")
    String natsAuthSecret;

    @Option(names = "--nats-coordinator-user", defaultValue = "imager-coordinator", description = "NATS user of the"
            + " coordinators.")
    String coordinatorUser;

    @Option(names = "--nats-worker-user", defaultValue = "imager-worker", description = "NATS user of the workers.")
    String workerUser;

    @Option(names = "--app-name", defaultValue = "imager", description = "app.kubernetes.io/name of the pods.")
    String appName;

    @Option(names = "--instance", defaultValue = "", description = "app.kubernetes.io/instance of the pods (the"
            + " release): the release's NetworkPolicies and NATS accept them.")
    String instance;

    @Option(names = "--coordinator-service-account", defaultValue = "", description = "ServiceAccount of coordinator"
            + " pods whose LoadTest names none.")
    String coordinatorServiceAccount;

    @Option(names = "--coordinator-listen-port", defaultValue = "" + OperatorSettings.DEFAULT_LISTEN_PORT,
            description = "The coordinators' -listen-port.")
    int listenPort;

    @Option(names = "--worker-metrics-port", defaultValue = "" + OperatorSettings.DEFAULT_WORKER_METRICS_PORT,
            description = "The workers' --metrics-port.")
    int workerMetricsPort;

    @Option(names = "--pod-network-cidrs", split = ",", description = "Pod mode: the workers' --allowed-targets (where"
            + " target pods' addresses come from).")
    List<String> podNetworkCidrs = new ArrayList<>();

    @Option(names = "--poll-interval", defaultValue = "2s", converter = GoDuration.Converter.class,
            description = "How often a running LoadTest's coordinator is asked for its status.")
    Duration pollInterval;

    @Option(names = "--report-hold", defaultValue = "60s", converter = GoDuration.Converter.class,
            description = "The coordinators' --report-hold: how long a finished run waits for its report to be fetched.")
    Duration reportHold;

    @Option(names = "--network-policies", defaultValue = "false", arity = "1", description = "Create a NetworkPolicy"
            + " per run letting its workers reach its target (with the chart's networkPolicy.enabled).")
    boolean networkPolicies;

    OperatorSettings settings(String defaultNamespace) {
        String ns = namespace != null && !namespace.isBlank() ? namespace : defaultNamespace;
        return new OperatorSettings(ns, coordinatorImage, workerImage, imagePullPolicy, natsUrl, subjectPrefix,
                natsAuthSecret, coordinatorUser, workerUser, appName, instance, coordinatorServiceAccount, listenPort,
                workerMetricsPort, podNetworkCidrs, pollInterval, reportHold, networkPolicies);
    }
}
