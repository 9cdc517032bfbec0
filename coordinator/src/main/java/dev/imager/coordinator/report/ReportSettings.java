package dev.imager.coordinator.report;

import java.util.Objects;

/**
 * What the run was asked to do, as the report shows it.
 *
 * @param target the resolved target (URL, or namespace/deployment or namespace/service)
 * @param targetMode {@code pod}, {@code service} or {@code url}
 * @param loadCalculator the load calculator's name (e.g. {@code step}, {@code adaptive-exponential})
 * @param minRps lowest planned rate, requests/s
 * @param maxRps highest planned rate, requests/s
 * @param stepRps rate step of stepping calculators, requests/s
 * @param adaptiveMaxLatencyMs the adaptive search's p99 limit in ms; 0 when it judges by timeouts only
 * @param arrival arrival process ({@code uniform} or {@code poisson})
 * @param roundSeconds length of one scheduling round, s
 * @param requestTimeoutMs request timeout, ms
 * @param requestSource the request source's name
 * @param workers peak number of live workers during the run
 * @param local true when the workers ran inside the coordinator's JVM (local mode)
 */
public record ReportSettings(String target, String targetMode, String loadCalculator, long minRps, long maxRps,
        long stepRps, long adaptiveMaxLatencyMs, String arrival, double roundSeconds, long requestTimeoutMs,
        String requestSource, int workers, boolean local) {

    public ReportSettings {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(targetMode, "targetMode");
        Objects.requireNonNull(loadCalculator, "loadCalculator");
        Objects.requireNonNull(arrival, "arrival");
        Objects.requireNonNull(requestSource, "requestSource");
        ReportValueChecks.nonNegative(minRps, "minRps");
        ReportValueChecks.nonNegative(maxRps, "maxRps");
        ReportValueChecks.nonNegative(stepRps, "stepRps");
        ReportValueChecks.nonNegative(adaptiveMaxLatencyMs, "adaptiveMaxLatencyMs");
        ReportValueChecks.nonNegative(requestTimeoutMs, "requestTimeoutMs");
        ReportValueChecks.nonNegative(workers, "workers");
        if (!(ReportValueChecks.finiteNonNegative(roundSeconds, "roundSeconds") > 0)) {
            throw new IllegalArgumentException("roundSeconds must be positive, was " + roundSeconds);
        }
    }
}
