package dev.imager.operator;

import dev.imager.operator.run.NatsAccess;
import dev.imager.operator.run.PodScheduling;
import dev.imager.operator.run.ProgramTuning;
import dev.imager.operator.run.RunObjects;
import dev.imager.protocol.cli.GoDuration;
import dev.imager.protocol.process.ImagerVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The operator's flags (docs/loadtest-resource.md#the-controller); the chart renders them from its values. */
@Command(name = "operator", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = OperatorCommand.Version.class,
        description = "Runs LoadTest resources (loadtests.imager.dev) of one namespace: a coordinator Job and workers each.")
final class OperatorCommand {

    @Option(names = "--namespace", description = "Namespace whose LoadTests are run. Default: $POD_NAMESPACE, else the"
            + " kubeconfig's.")
    String namespace;

    @Option(names = "--coordinator-image", required = true, description = "Image of the coordinator Jobs.")
    String coordinatorImage;

    @Option(names = "--worker-image", required = true, description = "Image of the worker Deployments.")
    String workerImage;

    @Option(names = "--image-pull-policy", defaultValue = "IfNotPresent", description = "Of both images."
            + " Default: ${DEFAULT-VALUE}.")
    String imagePullPolicy;

    @Option(names = "--nats-url", required = true, description = "--nats-url of the pods.")
    String natsUrl;

    @Option(names = "--subject-prefix", defaultValue = "imager", description = "--subject-prefix of the pods."
            + " Default: ${DEFAULT-VALUE}.")
    String subjectPrefix;

    @Option(names = "--nats-auth", defaultValue = "none", description = "How the pods authenticate (the chart's"
            + " natsAuth.type): password, creds, token or none. Default: ${DEFAULT-VALUE}.")
    String natsAuth;

    @Option(names = "--nats-auth-secret", defaultValue = "", description = "Secret with the credentials: keys"
            + " <identity>-password (password), <identity>.creds (creds) or --nats-token-key (token).")
    String natsAuthSecret;

    @Option(names = "--nats-coordinator-user", defaultValue = "imager-coordinator", description = "NATS user of the"
            + " coordinators (password). Default: ${DEFAULT-VALUE}.")
    String coordinatorUser;

    @Option(names = "--nats-worker-user", defaultValue = "imager-worker", description = "NATS user of the workers"
            + " (password). Default: ${DEFAULT-VALUE}.")
    String workerUser;

    @Option(names = "--nats-token-key", defaultValue = "token", description = "Key of the token in the Secret (token)."
            + " Default: ${DEFAULT-VALUE}.")
    String tokenKey;

    @Option(names = "--nats-tls", defaultValue = "false", arity = "1", description = "--nats-tls of the pods."
            + " Default: ${DEFAULT-VALUE}.")
    boolean tls;

    @Option(names = "--nats-tls-secret", defaultValue = "", description = "Secret with PEM files, mounted into the"
            + " pods at /etc/imager/nats-tls.")
    String tlsSecret;

    @Option(names = "--nats-tls-ca-key", defaultValue = "", description = "Key of the CA bundle in that Secret.")
    String tlsCaKey;

    @Option(names = "--nats-tls-cert-key", defaultValue = "", description = "Key of the client certificate.")
    String tlsCertKey;

    @Option(names = "--nats-tls-key-key", defaultValue = "", description = "Key of the client certificate's key.")
    String tlsKeyKey;

    @Option(names = "--app-name", defaultValue = "imager", description = "app.kubernetes.io/name of the pods."
            + " Default: ${DEFAULT-VALUE}.")
    String appName;

    @Option(names = "--instance", defaultValue = "", description = "app.kubernetes.io/instance of the pods (the"
            + " release): the release's NetworkPolicies and NATS accept them.")
    String instance;

    @Option(names = "--coordinator-service-account", defaultValue = "", description = "ServiceAccount of coordinator"
            + " pods whose LoadTest names none.")
    String coordinatorServiceAccount;

    @Option(names = "--coordinator-listen-port", defaultValue = "" + OperatorSettings.DEFAULT_LISTEN_PORT,
            description = "The coordinators' -listen-port. Default: ${DEFAULT-VALUE}.")
    int listenPort;

    @Option(names = "--worker-metrics-port", defaultValue = "" + OperatorSettings.DEFAULT_WORKER_METRICS_PORT,
            description = "The workers' --metrics-port. Default: ${DEFAULT-VALUE}.")
    int workerMetricsPort;

    @Option(names = "--pod-network-cidrs", split = ",", description = "Pod mode: the workers' --allowed-targets (where"
            + " target pods' addresses come from).")
    List<String> podNetworkCidrs = new ArrayList<>();

    @Option(names = "--poll-interval", defaultValue = "2s", converter = GoDuration.Converter.class,
            description = "How often a running LoadTest's coordinator is asked for its status."
            + " Default: ${DEFAULT-VALUE}.")
    Duration pollInterval;

    @Option(names = "--report-hold", defaultValue = "60s", converter = GoDuration.Converter.class,
            description = "The coordinators' --report-hold: how long a finished run waits for its report to be fetched."
            + " Default: ${DEFAULT-VALUE}.")
    Duration reportHold;

    @Option(names = "--network-policies", defaultValue = "false", arity = "1", description = "Create a NetworkPolicy"
            + " per run letting its workers reach its target (with the chart's networkPolicy.enabled)."
            + " Default: ${DEFAULT-VALUE}.")
    boolean networkPolicies;

    @Option(names = "--image-pull-secrets", split = ",", description = "Secrets the pods pull their images with"
            + " (the chart's imagePullSecrets).")
    List<String> imagePullSecrets = new ArrayList<>();

    @Option(names = "--coordinator-scheduling", defaultValue = "", description = "Where coordinator pods may go, as"
            + " JSON: {\"nodeSelector\": {...}, \"tolerations\": [...], \"affinity\": {...}} (the chart's coordinator"
            + " values).")
    String coordinatorScheduling;

    @Option(names = "--worker-scheduling", defaultValue = "", description = "Where worker pods may go, as JSON like"
            + " --coordinator-scheduling (the chart's worker values).")
    String workerScheduling;

    @Option(names = "--worker-args", defaultValue = "", description = "More flags of the worker pods, as a JSON list"
            + " like [\"--max-inflight=5000\", \"--cpu-pinning=off\"] (the chart's worker tuning values and"
            + " extraArgs); not the ones the operator sets itself (its --nats-* flags, --subject-prefix,"
            + " --allowed-targets, --metrics-port).")
    String workerArgs;

    @Option(names = "--worker-java-opts", defaultValue = "", description = "JAVA_OPTS of the worker pods (the chart's"
            + " worker.javaOpts); empty: the image's.")
    String workerJavaOpts;

    @Option(names = "--coordinator-java-opts", defaultValue = "", description = "JAVA_OPTS of the coordinator pods (the"
            + " chart's coordinator.javaOpts); empty: the image's.")
    String coordinatorJavaOpts;

    @Option(names = "--health-port", defaultValue = "8081", description = "Port of /healthz (200 while the watch"
            + " runs and reconciles keep their pace) and /metrics (the JVM's). -1: none, 0: any free port."
            + " Default: ${DEFAULT-VALUE}.")
    int healthPort;

    /**
     * Every problem with these flags, each starting with its flag; empty when the operator can start. Checked before
     * it connects to anything, so that a value every run would fail on (a port no pod can have, a prefix no subject
     * can take) is refused at once (exit 2) rather than by each run's pods, or after the watch started.
     */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        port(problems, "--coordinator-listen-port", listenPort, 1);
        port(problems, "--worker-metrics-port", workerMetricsPort, 1);
        port(problems, "--health-port", healthPort, -1);
        if (pollInterval.isZero() || pollInterval.isNegative()) {
            problems.add("--poll-interval: must be > 0, got " + GoDuration.format(pollInterval));
        }
        if (reportHold.isNegative()) {
            problems.add("--report-hold: must be >= 0, got " + GoDuration.format(reportHold));
        }
        problems.addAll(NatsAccess.problems(subjectPrefix, natsAuth, natsAuthSecret));
        return problems;
    }

    // A port of 1..65535, or from lowest (0: any free port, -1: none) for the ports that allow it.
    private static void port(List<String> problems, String flag, int port, int lowest) {
        if (port < lowest || port > 65_535) {
            problems.add(flag + ": must be " + lowest + "..65535, got " + port);
        }
    }

    OperatorSettings settings(String defaultNamespace) {
        String ns = namespace != null && !namespace.isBlank() ? namespace : defaultNamespace;
        NatsAccess nats = new NatsAccess(natsUrl, subjectPrefix, natsAuth, natsAuthSecret, coordinatorUser, workerUser,
                tokenKey, tls, tlsSecret, tlsCaKey, tlsCertKey, tlsKeyKey);
        return new OperatorSettings(ns, coordinatorImage, workerImage, imagePullPolicy, nats, appName, instance,
                coordinatorServiceAccount, listenPort, workerMetricsPort, podNetworkCidrs, pollInterval, reportHold,
                networkPolicies, imagePullSecrets,
                PodScheduling.parse(coordinatorScheduling, "--coordinator-scheduling"),
                PodScheduling.parse(workerScheduling, "--worker-scheduling"),
                ProgramTuning.parse("", "", coordinatorJavaOpts, List.of()),
                ProgramTuning.parse(workerArgs, "--worker-args", workerJavaOpts, RunObjects.workerFlagsSetPerRun(nats)));
    }

    /** {@code --version}: the imager version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"imager operator " + ImagerVersion.current()};
        }
    }
}
