package dev.imager.coordinator.target;

import dev.imager.coordinator.config.TargetFlags;
import dev.imager.coordinator.config.TargetSettings;
import dev.imager.protocol.target.TargetUrl;
import java.util.List;

/**
 * url mode: every round goes to the fixed {@code -target-url}. Never touches Kubernetes, so it runs
 * outside a cluster without a kubeconfig; there are no pods to poll.
 *
 * <p>The URL is sent to workers in the normal form of {@link TargetUrl}: base path and query kept, trailing
 * slashes of the path removed, the port only when it is not the scheme's default.
 */
final class UrlTargetResolver implements TargetResolver {
    private final String url;

    UrlTargetResolver(String url) {
        this.url = normalize(url);
    }

    /** Validates ({@link TargetSettings#urlProblem}) and puts the URL in its normal form. */
    static String normalize(String url) {
        String given = url == null ? "" : url.trim();
        TargetSettings.urlProblem(given).ifPresent(problem -> {
            throw new IllegalArgumentException(TargetFlags.TARGET_URL + ": " + problem);
        });
        return TargetUrl.parse(given).text();
    }

    @Override
    public void start() {
        // Nothing to start: the URL was validated at construction.
    }

    @Override
    public List<String> resolve() {
        return List.of(url);
    }

    @Override
    public List<PodRef> metricsPods() {
        return List.of();
    }

    @Override
    public String describe() {
        return "url " + url;
    }

    @Override
    public void close() {
        // Holds nothing.
    }
}
