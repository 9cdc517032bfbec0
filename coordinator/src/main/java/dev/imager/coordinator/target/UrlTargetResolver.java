package dev.imager.coordinator.target;

import dev.imager.coordinator.config.TargetFlags;
import dev.imager.coordinator.config.TargetSettings;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * url mode: every round goes to the fixed {@code -target-url}. Never touches Kubernetes, so it runs
 * outside a cluster without a kubeconfig; there are no pods to poll.
 *
 * <p>The URL keeps its base path (workers resolve request paths against it); only trailing slashes
 * of the path are removed so {@code base + "/path"} never doubles them.
 */
final class UrlTargetResolver implements TargetResolver {
    private final String url;

    UrlTargetResolver(String url) {
        this.url = normalize(url);
    }

    /** Validates (absolute http(s) with a host, no fragment) and strips trailing slashes from the path. */
    static String normalize(String url) {
        TargetSettings.urlProblem(url == null ? "" : url.trim()).ifPresent(problem -> {
            throw new IllegalArgumentException(TargetFlags.TARGET_URL + ": " + problem);
        });
        URI uri = URI.create(url.trim());
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String trimmed = path.replaceAll("/+$", "");
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority() + trimmed + query;
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
