package dev.imager.coordinator.target;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One successful metrics poll: the pods that had metrics at {@code at}. Pods without metrics in that
 * poll (just started, or metrics-server lagging) are absent rather than zero.
 */
public record PodMetricsSample(Instant at, List<PodUsage> pods) {
    public PodMetricsSample {
        Objects.requireNonNull(at, "at");
        pods = List.copyOf(pods);
    }
}
