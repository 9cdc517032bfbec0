package dev.imager.coordinator.config;

import dev.imager.protocol.cli.GoDuration;
import static dev.imager.coordinator.config.FlagNames.*;

import picocli.CommandLine.Option;

/** The "Target" section of the command line: what to load and how to find it in Kubernetes. */
final class TargetFlags {

    @Option(names = {"-target-mode", "--target-mode"}, paramLabel = "<mode>",
            description = "How to find the target: pod (Running pods of -target-deployment), service "
                    + "(<service>.<namespace>.svc of -target-service) or url (-target-url, no Kubernetes). "
                    + "Default: ${DEFAULT-VALUE}.")
    String targetMode = CoordinatorConfig.DEFAULT_TARGET_MODE.flagValue();

    @Option(names = {"-target-namespace", "--target-namespace"}, paramLabel = "<namespace>",
            description = "Namespace of the target deployment or service (pod and service modes). "
                    + "Default: ${DEFAULT-VALUE}.")
    String targetNamespace = CoordinatorConfig.DEFAULT_TARGET_NAMESPACE;

    @Option(names = {"-target-deployment", "--target-deployment"}, paramLabel = "<name>",
            description = "Deployment whose Running pods are the target; required in pod mode.")
    String targetDeployment = CoordinatorConfig.DEFAULT_TARGET_DEPLOYMENT;

    @Option(names = {"-target-service", "--target-service"}, paramLabel = "<name>",
            description = "Service that is the target; required in service mode.")
    String targetService = CoordinatorConfig.DEFAULT_TARGET_SERVICE;

    @Option(names = {"-target-url", "--target-url"}, paramLabel = "<url>",
            description = "Base URL of the target, required in url mode: absolute, http or https, with a "
                    + "host (for example http://localhost:8080).")
    String targetUrl = CoordinatorConfig.DEFAULT_TARGET_URL;

    @Option(names = {"-target-port-name", "--target-port-name"}, paramLabel = "<name>",
            description = "Named container port (pod mode) or service port (service mode); empty = the first "
                    + "port. Default: ${DEFAULT-VALUE}.")
    String targetPortName = CoordinatorConfig.DEFAULT_TARGET_PORT_NAME;

    @Option(names = {"-target-scheme", "--target-scheme"}, paramLabel = "<scheme>",
            description = "http or https, for pod and service URLs; empty = http. Default: ${DEFAULT-VALUE}.")
    String targetScheme = CoordinatorConfig.DEFAULT_TARGET_SCHEME;

    @Option(names = {"-in-cluster", "--in-cluster"}, paramLabel = "<bool>", arity = "0..1", fallbackValue = "true",
            description = "Use the pod's service account for Kubernetes; false = use -kubeconfig. "
                    + "Default: ${DEFAULT-VALUE}.")
    String inCluster = Boolean.toString(CoordinatorConfig.DEFAULT_IN_CLUSTER);

    @Option(names = {"-kubeconfig", "--kubeconfig"}, paramLabel = "<file>",
            description = "Kubeconfig file when -in-cluster=false; empty = ~/.kube/config.")
    String kubeconfig = CoordinatorConfig.DEFAULT_KUBECONFIG;

    @Option(names = {"-metrics-poll-interval", "--metrics-poll-interval"}, paramLabel = "<duration>",
            description = "How often target pod CPU and memory are read from metrics-server (pod and service "
                    + "modes). Default: ${DEFAULT-VALUE}.")
    String metricsPollInterval = GoDuration.format(CoordinatorConfig.DEFAULT_METRICS_POLL_INTERVAL);

    void bindTo(CoordinatorConfigBuilder b, FlagBinder f) {
        f.choice(TARGET_MODE, targetMode, TargetMode.class).ifPresent(b::targetMode);
        b.targetNamespace(targetNamespace);
        b.targetDeployment(targetDeployment);
        b.targetService(targetService);
        b.targetUrl(targetUrl);
        b.targetPortName(targetPortName);
        b.targetScheme(targetScheme);
        f.bool(IN_CLUSTER, inCluster).ifPresent(b::inCluster);
        b.kubeconfig(kubeconfig);
        f.duration(METRICS_POLL_INTERVAL, metricsPollInterval).ifPresent(b::metricsPollInterval);
    }
}
