package dev.imager.coordinator.target;

import dev.imager.coordinator.config.TargetMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The target flags of one run. Null strings read as empty; nothing else is changed, so what the
 * resolver does is what the user asked for. {@link #problems()} lists every invalid flag at once.
 *
 * @param mode                {@code -target-mode}
 * @param url                 {@code -target-url} (url mode): absolute http(s) URL, may carry a base path
 * @param namespace           {@code -target-namespace} (pod and service modes)
 * @param deployment          {@code -target-deployment} (pod mode)
 * @param service             {@code -target-service} (service mode)
 * @param portName            {@code -target-port-name}: container port (pod) or service port (service) name; empty = first port
 * @param scheme              {@code -target-scheme}: http or https for built URLs; empty = http
 * @param inCluster           {@code -in-cluster}: use the pod's service account
 * @param kubeconfig          {@code -kubeconfig}: used when not in cluster; empty = ~/.kube/config
 * @param metricsPollInterval {@code -metrics-poll-interval}
 */
public record TargetSettings(TargetMode mode, String url, String namespace, String deployment, String service,
                             String portName, String scheme, boolean inCluster, String kubeconfig,
                             Duration metricsPollInterval) {

    /** Default of {@code -target-namespace}, as in the original. */
    public static final String DEFAULT_NAMESPACE = "default";
    /** Default of {@code -target-port-name}, as in the original. */
    public static final String DEFAULT_PORT_NAME = "http";
    /** Scheme used when {@code -target-scheme} is empty. */
    public static final String DEFAULT_SCHEME = "http";
    /** Default of {@code -metrics-poll-interval}: metrics-server itself scrapes kubelets every 15 s by default. */
    public static final Duration DEFAULT_METRICS_POLL_INTERVAL = Duration.ofSeconds(5);

    public TargetSettings {
        Objects.requireNonNull(mode, "mode");
        url = blankToEmpty(url);
        namespace = blankToEmpty(namespace);
        deployment = blankToEmpty(deployment);
        service = blankToEmpty(service);
        portName = blankToEmpty(portName);
        scheme = blankToEmpty(scheme);
        kubeconfig = blankToEmpty(kubeconfig);
        Objects.requireNonNull(metricsPollInterval, "metricsPollInterval");
    }

    /** url mode with defaults for everything else. */
    public static TargetSettings forUrl(String url) {
        return new TargetSettings(TargetMode.URL, url, DEFAULT_NAMESPACE, "", "", DEFAULT_PORT_NAME, DEFAULT_SCHEME,
                true, "", DEFAULT_METRICS_POLL_INTERVAL);
    }

    /** pod mode targeting {@code deployment} in {@code namespace}. */
    public static TargetSettings forPod(String namespace, String deployment, String portName, String scheme) {
        return new TargetSettings(TargetMode.POD, "", namespace, deployment, "", portName, scheme,
                true, "", DEFAULT_METRICS_POLL_INTERVAL);
    }

    /** service mode targeting {@code service} in {@code namespace}. */
    public static TargetSettings forService(String namespace, String service, String portName, String scheme) {
        return new TargetSettings(TargetMode.SERVICE, "", namespace, "", service, portName, scheme,
                true, "", DEFAULT_METRICS_POLL_INTERVAL);
    }

    /** The scheme for pod and service URLs: {@code -target-scheme} in lower case, or http when empty. */
    public String effectiveScheme() {
        return scheme.isEmpty() ? DEFAULT_SCHEME : scheme.toLowerCase(Locale.ROOT);
    }

    /** Every problem with these settings for their mode, each naming its flag; empty when valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        switch (mode) {
            case URL -> urlProblem(url).ifPresent(problems::add);
            case POD -> {
                requireName(problems, "-target-namespace", namespace);
                requireName(problems, "-target-deployment", deployment);
                schemeProblem(problems);
            }
            case SERVICE -> {
                requireName(problems, "-target-namespace", namespace);
                requireName(problems, "-target-service", service);
                schemeProblem(problems);
            }
        }
        if (metricsPollInterval.isZero() || metricsPollInterval.isNegative()) {
            problems.add("-metrics-poll-interval must be positive, got " + metricsPollInterval);
        }
        return problems;
    }

    /** Why {@code url} is not a usable base URL, if it is not: absolute, http(s), with a host. */
    static Optional<String> urlProblem(String url) {
        if (url.isEmpty()) {
            return Optional.of("-target-url is required in url mode");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("-target-url '" + url + "' is not a valid URL: " + e.getMessage());
        }
        String s = uri.getScheme();
        if (s == null || !(s.equalsIgnoreCase("http") || s.equalsIgnoreCase("https"))) {
            return Optional.of("-target-url '" + url + "' must be an absolute http:// or https:// URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("-target-url '" + url + "' has no host");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("-target-url '" + url + "' must not contain a #fragment");
        }
        return Optional.empty();
    }

    private void schemeProblem(List<String> problems) {
        String s = effectiveScheme();
        if (!s.equals("http") && !s.equals("https")) {
            problems.add("-target-scheme must be http or https, got '" + scheme + "'");
        }
    }

    private static void requireName(List<String> problems, String flag, String value) {
        if (value.isEmpty()) {
            problems.add(flag + " is required");
        }
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s.trim();
    }
}
