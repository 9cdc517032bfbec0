package dev.imager.coordinator.target;

/**
 * Receives every successful pod-metrics poll, so the run report can put target CPU and memory on the
 * same time axis as the load. Called on the poller's thread: keep it short and do not block.
 */
@FunctionalInterface
public interface PodMetricsListener {
    /** A listener that ignores samples, for callers that only want the Prometheus gauges. */
    PodMetricsListener NONE = sample -> { };

    void onSample(PodMetricsSample sample);
}
