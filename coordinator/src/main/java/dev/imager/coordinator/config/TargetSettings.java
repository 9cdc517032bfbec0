package dev.imager.coordinator.config;

import static dev.imager.coordinator.config.TargetFlags.METRICS_POLL_INTERVAL;
import static dev.imager.coordinator.config.TargetFlags.TARGET_DEPLOYMENT;
import static dev.imager.coordinator.config.TargetFlags.TARGET_NAMESPACE;
import static dev.imager.coordinator.config.TargetFlags.TARGET_SCHEME;
import static dev.imager.coordinator.config.TargetFlags.TARGET_SERVICE;
import static dev.imager.coordinator.config.TargetFlags.TARGET_URL;

import dev.imager.protocol.target.TargetUrl;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The "Target" section ({@link TargetFlags}): what to load and how to find it in Kubernetes. Null strings
 * read as empty and surrounding blanks of names and the URL are trimmed; nothing else is changed, so what
 * the resolver does is what the user asked for. {@link #problems()} holds this section's rules: the
 * names the mode needs (blank counts as missing), a usable URL in url mode ({@link #urlProblem}),
 * {@code -target-scheme} http or https in every mode, and a positive poll interval.
 *
 * @param mode                {@code -target-mode}
 * @param url                 {@code -target-url} (url mode): a {@link TargetUrl}, may carry a base path and a query
 * @param namespace           {@code -target-namespace} (pod and service modes)
 * @param deployment          {@code -target-deployment} (pod mode)
 * @param service             {@code -target-service} (service mode)
 * @param portName            {@code -target-port-name}: container port (pod) or service port (service) name; empty = first port
 * @param scheme              {@code -target-scheme}: http or https for built URLs; empty = http
 * @param inCluster           {@code -in-cluster}: use the pod's service account for Kubernetes
 * @param kubeconfig          {@code -kubeconfig}: kubeconfig file when not in cluster; empty = ~/.kube/config
 * @param metricsPollInterval {@code -metrics-poll-interval}: target pod CPU/memory poll period
 */
public record TargetSettings(TargetMode mode, String url, String namespace, String deployment, String service,
        String portName, String scheme, boolean inCluster, String kubeconfig, Duration metricsPollInterval) {

    /** The original's default: target the Running pods of a deployment. */
    public static final TargetMode DEFAULT_MODE = TargetMode.POD;
    /** None: required in url mode. */
    public static final String DEFAULT_URL = "";
    /** The original's default namespace. */
    public static final String DEFAULT_NAMESPACE = "default";
    /** None: required in pod mode. */
    public static final String DEFAULT_DEPLOYMENT = "";
    /** None: required in service mode. */
    public static final String DEFAULT_SERVICE = "";
    /** The conventional name of an HTTP port in Kubernetes manifests. */
    public static final String DEFAULT_PORT_NAME = "http";
    /** Plain HTTP to pods and services, as in the original. */
    public static final String DEFAULT_SCHEME = "http";
    /** The coordinator normally runs as a pod with its own service account. */
    public static final boolean DEFAULT_IN_CLUSTER = true;
    /** Empty: {@code ~/.kube/config}. */
    public static final String DEFAULT_KUBECONFIG = "";
    /** metrics-server refreshes every 15 s or so; 5 s keeps the report's CPU curve fresh enough. */
    public static final Duration DEFAULT_METRICS_POLL_INTERVAL = Duration.ofSeconds(5);

    /** Every default; not valid on its own: pod mode needs {@code -target-deployment}. */
    public static final TargetSettings DEFAULTS = new TargetSettings(DEFAULT_MODE, DEFAULT_URL, DEFAULT_NAMESPACE,
            DEFAULT_DEPLOYMENT, DEFAULT_SERVICE, DEFAULT_PORT_NAME, DEFAULT_SCHEME, DEFAULT_IN_CLUSTER,
            DEFAULT_KUBECONFIG, DEFAULT_METRICS_POLL_INTERVAL);

    public TargetSettings {
        Objects.requireNonNull(mode, "mode");
        url = blankToEmpty(url);
        namespace = blankToEmpty(namespace);
        deployment = blankToEmpty(deployment);
        service = blankToEmpty(service);
        portName = blankToEmpty(portName);
        scheme = blankToEmpty(scheme);
        kubeconfig = Objects.requireNonNullElse(kubeconfig, "");
        Objects.requireNonNull(metricsPollInterval, "metricsPollInterval");
    }

    /** The scheme for pod and service URLs: {@code -target-scheme} in lower case, or http when empty. */
    public String effectiveScheme() {
        return scheme.isEmpty() ? DEFAULT_SCHEME : scheme.toLowerCase(Locale.ROOT);
    }

    /** Every problem with these settings for their mode, each starting with its flag; empty when valid. */
    public List<String> problems() {
        ConfigProblems p = new ConfigProblems();
        String when = "in " + mode.flagValue() + " mode";
        switch (mode) {
            case POD -> {
                required(p, TARGET_NAMESPACE, namespace, when);
                required(p, TARGET_DEPLOYMENT, deployment, when);
            }
            case SERVICE -> {
                required(p, TARGET_NAMESPACE, namespace, when);
                required(p, TARGET_SERVICE, service, when);
            }
            case URL -> urlProblem(url).ifPresent(problem -> p.add(TARGET_URL, problem));
            default -> throw new IllegalStateException("unhandled target mode " + mode);
        }
        String lower = scheme.toLowerCase(Locale.ROOT);
        if (!lower.isEmpty() && !lower.equals("http") && !lower.equals("https")) {
            p.add(TARGET_SCHEME, "must be http or https (empty = http), got \"" + scheme + "\"");
        }
        p.positive(METRICS_POLL_INTERVAL, metricsPollInterval);
        return p.list();
    }

    /**
     * Why {@code url} cannot be the url-mode target (the text after {@code -target-url: }), if it cannot: the
     * workers' own rule ({@link TargetUrl}), so that no URL accepted here is refused by every worker.
     */
    public static Optional<String> urlProblem(String url) {
        if (url.isEmpty()) {
            return Optional.of("is required in url mode");
        }
        return TargetUrl.problem(url);
    }

    private static void required(ConfigProblems p, String flag, String value, String when) {
        if (value.isBlank()) {
            p.add(flag, "is required " + when);
        }
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s.trim();
    }
}
