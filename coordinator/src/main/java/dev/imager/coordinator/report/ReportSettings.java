package dev.imager.coordinator.report;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
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
 * @param httpVersion the HTTP version asked for ({@code 1.1}, {@code 2} or {@code auto}); what was spoken is in the
 *     totals' {@code protocols}; {@code 1.1} in reports from before the field
 * @param maxRedirects redirects each request could follow, 0 when they were not followed (and in reports from before
 *     the field: absent reads as 0, where a plain int would fail the read)
 * @param stages the load shape of the {@code stages} calculator in the {@code --stages} form
 *     ({@code 30s:100,2m0s:500,30s:0}); empty for other calculators and in reports from before the field
 * @param preset the {@code --preset} the stages came from; empty when none (and in older reports)
 * @param model the load model, {@code open} or {@code closed}; {@code open} in reports from before the field. In the
 *     closed model the rates ({@code minRps}, {@code maxRps}, {@code stepRps}, stage targets, each round's rate) are
 *     user counts, latency is service time (no coordinated-omission correction: a user waits for its response), and
 *     "planned" is what the users started
 * @param users the constant user count of a closed-model run ({@code --users}); 0 when a shape or calculator gave
 *     the counts, in the open model, and in older reports
 * @param thinkTimeMs each user's think time in the closed model, ms; 0 otherwise and in older reports
 */
public record ReportSettings(String target, String targetMode, String loadCalculator, long minRps, long maxRps,
        long stepRps, long adaptiveMaxLatencyMs, String arrival, double roundSeconds, long requestTimeoutMs,
        String requestSource, int workers, boolean local, String httpVersion,
        @JsonSetter(nulls = Nulls.AS_EMPTY) int maxRedirects, String stages, String preset, String model,
        @JsonSetter(nulls = Nulls.AS_EMPTY) long users, @JsonSetter(nulls = Nulls.AS_EMPTY) long thinkTimeMs) {

    /** The open model's name in {@link #model()}. */
    public static final String OPEN_MODEL = "open";

    /** Settings of an open-model run. */
    public ReportSettings(String target, String targetMode, String loadCalculator, long minRps, long maxRps,
            long stepRps, long adaptiveMaxLatencyMs, String arrival, double roundSeconds, long requestTimeoutMs,
            String requestSource, int workers, boolean local, String httpVersion, int maxRedirects, String stages,
            String preset) {
        this(target, targetMode, loadCalculator, minRps, maxRps, stepRps, adaptiveMaxLatencyMs, arrival, roundSeconds,
                requestTimeoutMs, requestSource, workers, local, httpVersion, maxRedirects, stages, preset, OPEN_MODEL,
                0, 0);
    }

    public ReportSettings {
        model = model == null || model.isEmpty() ? OPEN_MODEL : model;
        ReportValueChecks.nonNegative(users, "users");
        ReportValueChecks.nonNegative(thinkTimeMs, "thinkTimeMs");
        httpVersion = httpVersion == null ? "1.1" : httpVersion;
        stages = stages == null ? "" : stages;
        preset = preset == null ? "" : preset;
        ReportValueChecks.nonNegative(maxRedirects, "maxRedirects");
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

    /** True for a closed-model run: virtual users, whose counts the rates are. */
    public boolean closedModel() {
        return !model.equals(OPEN_MODEL);
    }

    /**
     * The load shape as a report shows it: {@code preset heavy: 1m0s:1000,...}, {@code 30s:100,...}, or empty
     * when the run had none.
     */
    public String shape() {
        return preset.isEmpty() ? stages : "preset " + preset + ": " + stages;
    }
}
