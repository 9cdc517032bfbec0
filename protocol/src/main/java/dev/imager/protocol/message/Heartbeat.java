package dev.imager.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * A worker's periodic beat. The first one registers the worker with every coordinator listening;
 * missing beats make it MISSING and then GONE; a returning beat revives it. The load figures let the
 * coordinator tell "the target is slow" from "the generator is saturated".
 *
 * @param workerId stable for the worker process's life
 * @param host host name (pod name in Kubernetes)
 * @param version imager version of the worker
 * @param state READY, BUSY or DRAINING
 * @param inFlight requests sent and not yet complete
 * @param activeJobs jobs taken and not yet done
 * @param sendLagP99Micros p99 of send lag over the last interval, microseconds
 * @param cpuLoad process CPU load over the last interval, 0..1, or -1 when unknown
 * @param maxInFlight the worker's in-flight cap
 * @param intervalMillis how often this worker beats, so liveness thresholds follow the worker's cadence
 * @param sentEpochMillis when the beat was sent, Unix epoch milliseconds (worker clock)
 * @param models the load models the worker runs ({@value #OPEN_MODEL}, {@value #CLOSED_MODEL}); a beat without the
 *     field is from a worker that runs the open model only. Names this build does not know are kept (a newer
 *     worker's) but mean nothing here.
 */
public record Heartbeat(
        @JsonProperty(required = true) String workerId,
        @JsonProperty(required = true) String host,
        @JsonProperty(required = true) String version,
        @JsonProperty(required = true) WorkerState state,
        @JsonProperty(required = true) int inFlight,
        @JsonProperty(required = true) int activeJobs,
        @JsonProperty(required = true) long sendLagP99Micros,
        @JsonProperty(required = true) double cpuLoad,
        @JsonProperty(required = true) int maxInFlight,
        @JsonProperty(required = true) long intervalMillis,
        @JsonProperty(required = true) long sentEpochMillis,
        List<String> models) implements Message {

    /** The open model's name in {@link #models()}: jobs on {@code <prefix>.jobs}. */
    public static final String OPEN_MODEL = "open";

    /** The closed model's name in {@link #models()}: {@link UsersJob}s on {@code <prefix>.users-jobs}. */
    public static final String CLOSED_MODEL = "closed";

    /** What a worker from before the field runs. */
    public static final List<String> OPEN_ONLY = List.of(OPEN_MODEL);

    /** Most model names a beat may carry. */
    public static final int MAX_MODELS = 8;

    /** Longest model name. */
    public static final int MAX_MODEL_CHARS = 32;

    /**
     * Shortest heartbeat interval a coordinator goes by: a beat declaring less is judged as if it said this, so no
     * heartbeat can make a worker's silence count as missing within a few milliseconds.
     */
    public static final long MIN_INTERVAL_MILLIS = 100;

    /** Longest heartbeat interval a coordinator goes by; a worker cannot be set to beat less often. */
    public static final long MAX_INTERVAL_MILLIS = 30_000;

    public Heartbeat {
        MessageFieldChecks.id(workerId, "workerId");
        MessageFieldChecks.required(host, "host");
        MessageFieldChecks.required(version, "version");
        MessageFieldChecks.required(state, "state");
        MessageFieldChecks.nonNegative(inFlight, "inFlight");
        MessageFieldChecks.nonNegative(activeJobs, "activeJobs");
        MessageFieldChecks.nonNegative(sendLagP99Micros, "sendLagP99Micros");
        if (!(cpuLoad == -1 || (cpuLoad >= 0 && cpuLoad <= 1))) {
            throw new IllegalArgumentException("cpuLoad must be within 0..1 or -1 (unknown), got " + cpuLoad);
        }
        MessageFieldChecks.nonNegative(maxInFlight, "maxInFlight");
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("intervalMillis must be > 0, got " + intervalMillis);
        }
        MessageFieldChecks.nonNegative(sentEpochMillis, "sentEpochMillis");
        MessageFieldChecks.required(models, "models");
        if (models.size() > MAX_MODELS) {
            throw new IllegalArgumentException("models holds " + models.size() + " names; at most " + MAX_MODELS
                    + " are accepted");
        }
        for (int i = 0; i < models.size(); i++) {
            MessageFieldChecks.nonBlank(models.get(i), "models[" + i + "]");
            MessageFieldChecks.atMost(models.get(i), MAX_MODEL_CHARS, "models[" + i + "]");
        }
        models = List.copyOf(models);
    }

    /** A beat of a worker that runs the open model only. */
    public Heartbeat(String workerId, String host, String version, WorkerState state, int inFlight, int activeJobs,
            long sendLagP99Micros, double cpuLoad, int maxInFlight, long intervalMillis, long sentEpochMillis) {
        this(workerId, host, version, state, inFlight, activeJobs, sendLagP99Micros, cpuLoad, maxInFlight,
                intervalMillis, sentEpochMillis, OPEN_ONLY);
    }

    /** How the codec reads a beat: without {@code models} it is from a worker that runs the open model only. */
    @JsonCreator
    private static Heartbeat read(
            @JsonProperty(value = "workerId", required = true) String workerId,
            @JsonProperty(value = "host", required = true) String host,
            @JsonProperty(value = "version", required = true) String version,
            @JsonProperty(value = "state", required = true) WorkerState state,
            @JsonProperty(value = "inFlight", required = true) int inFlight,
            @JsonProperty(value = "activeJobs", required = true) int activeJobs,
            @JsonProperty(value = "sendLagP99Micros", required = true) long sendLagP99Micros,
            @JsonProperty(value = "cpuLoad", required = true) double cpuLoad,
            @JsonProperty(value = "maxInFlight", required = true) int maxInFlight,
            @JsonProperty(value = "intervalMillis", required = true) long intervalMillis,
            @JsonProperty(value = "sentEpochMillis", required = true) long sentEpochMillis,
            @JsonProperty("models") ArrayList<String> models) {
        return new Heartbeat(workerId, host, version, state, inFlight, activeJobs, sendLagP99Micros, cpuLoad,
                maxInFlight, intervalMillis, sentEpochMillis, models == null ? OPEN_ONLY : models);
    }

    /** True when the worker runs {@code model} ({@link #OPEN_MODEL}, {@link #CLOSED_MODEL}). */
    public boolean runs(String model) {
        return models.contains(model);
    }
}
