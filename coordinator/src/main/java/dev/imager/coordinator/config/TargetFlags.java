package dev.imager.coordinator.config;

import static dev.imager.coordinator.config.TargetSettings.DEFAULTS;

import dev.imager.protocol.cli.FlagBinder;
import dev.imager.protocol.cli.GoDuration;
import picocli.CommandLine.Option;

/**
 * The "Target" flags: what to load and how to find it in Kubernetes; bound into {@link TargetSettings}.
 * Each flag name is written once, in its constant: help and problem messages spell it that way (one dash,
 * as the original orchestrator did), and {@code --name} is accepted too.
 */
public final class TargetFlags {

    public static final String TARGET_MODE = "-target-mode";
    public static final String TARGET_NAMESPACE = "-target-namespace";
    public static final String TARGET_DEPLOYMENT = "-target-deployment";
    public static final String TARGET_SERVICE = "-target-service";
    public static final String TARGET_URL = "-target-url";
    public static final String TARGET_PORT_NAME = "-target-port-name";
    public static final String TARGET_SCHEME = "-target-scheme";
    public static final String IN_CLUSTER = "-in-cluster";
    public static final String KUBECONFIG = "-kubeconfig";
    public static final String METRICS_POLL_INTERVAL = "-metrics-poll-interval";

    @Option(names = TARGET_MODE, paramLabel = "<mode>",
            description = "How to find the target: pod (Running pods of -target-deployment), service "
                    + "(<service>.<namespace>.svc of -target-service) or url (-target-url, no Kubernetes). "
                    + "Default: ${DEFAULT-VALUE}.")
    String mode = DEFAULTS.mode().flagValue();

    @Option(names = TARGET_NAMESPACE, paramLabel = "<namespace>",
            description = "Namespace of the target deployment or service (pod and service modes). "
                    + "Default: ${DEFAULT-VALUE}.")
    String namespace = DEFAULTS.namespace();

    @Option(names = TARGET_DEPLOYMENT, paramLabel = "<name>",
            description = "Deployment whose Running pods are the target; required in pod mode.")
    String deployment = DEFAULTS.deployment();

    @Option(names = TARGET_SERVICE, paramLabel = "<name>",
            description = "Service that is the target; required in service mode.")
    String service = DEFAULTS.service();

    @Option(names = TARGET_URL, paramLabel = "<url>",
            description = "Base URL of the target, required in url mode: absolute, http or https, with a "
                    + "host (for example http://localhost:8080).")
    String url = DEFAULTS.url();

    @Option(names = TARGET_PORT_NAME, paramLabel = "<name>",
            description = "Named container port (pod mode) or service port (service mode); empty = the first "
                    + "port. Default: ${DEFAULT-VALUE}.")
    String portName = DEFAULTS.portName();

    @Option(names = TARGET_SCHEME, paramLabel = "<scheme>",
            description = "http or https, for pod and service URLs; empty = http. Default: ${DEFAULT-VALUE}.")
    String scheme = DEFAULTS.scheme();

    @Option(names = IN_CLUSTER, paramLabel = "<bool>", arity = "0..1", fallbackValue = "true",
            description = "Use the pod's service account for Kubernetes; false = use -kubeconfig. "
                    + "Default: ${DEFAULT-VALUE}.")
    String inCluster = Boolean.toString(DEFAULTS.inCluster());

    @Option(names = KUBECONFIG, paramLabel = "<file>",
            description = "Kubeconfig file when -in-cluster=false; empty = ~/.kube/config.")
    String kubeconfig = DEFAULTS.kubeconfig();

    @Option(names = METRICS_POLL_INTERVAL, paramLabel = "<duration>",
            description = "How often target pod CPU and memory are read from metrics-server (pod and service "
                    + "modes). Default: ${DEFAULT-VALUE}.")
    String metricsPollInterval = GoDuration.format(DEFAULTS.metricsPollInterval());

    TargetSettings bind(FlagBinder f) {
        return new TargetSettings(f.choice(TARGET_MODE, mode, TargetMode.class, DEFAULTS.mode()), url, namespace,
                deployment, service, portName, scheme, f.bool(IN_CLUSTER, inCluster, DEFAULTS.inCluster()), kubeconfig,
                f.duration(METRICS_POLL_INTERVAL, metricsPollInterval, DEFAULTS.metricsPollInterval()));
    }
}
