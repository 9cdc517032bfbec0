package dev.imager.coordinator.target;

import dev.imager.coordinator.config.ConfigProblems;
import dev.imager.coordinator.config.ConfigValidator;
import dev.imager.coordinator.config.CoordinatorConfig;
import dev.imager.coordinator.config.FlagNames;
import dev.imager.coordinator.config.TargetMode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The target flags of one run. Null strings read as empty and surrounding blanks are trimmed; nothing
 * else is changed, so what the resolver does is what the user asked for. {@link #problems()} lists
 * every invalid flag at once, by the rules flag validation applies
 * ({@link ConfigValidator#checkTarget}), so settings built from a validated config have none.
 *
 * @param mode                {@code -target-mode}
 * @param url                 {@code -target-url} (url mode): absolute http(s) URL, may carry a base path
 * @param namespace           {@code -target-namespace} (pod and service modes)
 * @param deployment          {@code -target-deployment} (pod mode)
 * @param service             {@code -target-service} (service mode)
 * @param portName            {@code -target-port-name}: container port (pod) or service port (service) name; empty = first port
 * @param scheme              {@code -target-scheme}: http or https for built URLs; empty = http
 * @param metricsPollInterval {@code -metrics-poll-interval}
 */
public record TargetSettings(TargetMode mode, String url, String namespace, String deployment, String service,
                             String portName, String scheme, Duration metricsPollInterval) {

    public TargetSettings {
        Objects.requireNonNull(mode, "mode");
        url = blankToEmpty(url);
        namespace = blankToEmpty(namespace);
        deployment = blankToEmpty(deployment);
        service = blankToEmpty(service);
        portName = blankToEmpty(portName);
        scheme = blankToEmpty(scheme);
        Objects.requireNonNull(metricsPollInterval, "metricsPollInterval");
    }

    /** url mode with defaults for everything else. */
    public static TargetSettings forUrl(String url) {
        return new TargetSettings(TargetMode.URL, url, CoordinatorConfig.DEFAULT_TARGET_NAMESPACE, "", "",
                CoordinatorConfig.DEFAULT_TARGET_PORT_NAME, CoordinatorConfig.DEFAULT_TARGET_SCHEME,
                CoordinatorConfig.DEFAULT_METRICS_POLL_INTERVAL);
    }

    /** pod mode targeting {@code deployment} in {@code namespace}. */
    public static TargetSettings forPod(String namespace, String deployment, String portName, String scheme) {
        return new TargetSettings(TargetMode.POD, "", namespace, deployment, "", portName, scheme,
                CoordinatorConfig.DEFAULT_METRICS_POLL_INTERVAL);
    }

    /** service mode targeting {@code service} in {@code namespace}. */
    public static TargetSettings forService(String namespace, String service, String portName, String scheme) {
        return new TargetSettings(TargetMode.SERVICE, "", namespace, "", service, portName, scheme,
                CoordinatorConfig.DEFAULT_METRICS_POLL_INTERVAL);
    }

    /** The scheme for pod and service URLs: {@code -target-scheme} in lower case, or http when empty. */
    public String effectiveScheme() {
        return scheme.isEmpty() ? CoordinatorConfig.DEFAULT_TARGET_SCHEME : scheme.toLowerCase(Locale.ROOT);
    }

    /** Every problem with these settings for their mode, each starting with its flag; empty when valid. */
    public List<String> problems() {
        ConfigProblems problems = new ConfigProblems();
        ConfigValidator.checkTarget(mode, url, namespace, deployment, service, scheme, problems);
        ConfigValidator.positive(problems, FlagNames.METRICS_POLL_INTERVAL, metricsPollInterval);
        return problems.list();
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s.trim();
    }
}
