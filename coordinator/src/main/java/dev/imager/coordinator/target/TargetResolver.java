package dev.imager.coordinator.target;

import java.util.List;

/**
 * Where a run sends its requests.
 *
 * <p>{@link #resolve()} is called by the run loop every round, so it must be cheap: implementations
 * make no API call per round and serve from state a background refresh keeps fresh. All methods are safe to
 * call from different threads (run loop, metrics poller, shutdown hook).
 */
public interface TargetResolver extends AutoCloseable {

    /**
     * Performs the first lookup and starts the background refresh; may block briefly. May be
     * called again after it failed (for example once the Deployment exists); a no-op after success.
     */
    void start() throws TargetResolutionException;

    /** Absolute base URLs (e.g. {@code http://127.0.1.7:8080}, no trailing slash) for the next round. */
    List<String> resolve() throws TargetResolutionException;

    /** Pods whose CPU/memory should be polled; empty in url mode or when no pod is eligible. */
    List<PodRef> metricsPods();

    /** One line for logs and the report, e.g. {@code pod imagerdemo/sumservice-7c9f-abc (127.0.1.7:8080)}. */
    String describe();

    /** Stops the background refresh. Does not close the Kubernetes client, which belongs to whoever created it. */
    @Override
    void close();
}
