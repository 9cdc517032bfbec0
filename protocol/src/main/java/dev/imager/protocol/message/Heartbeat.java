package dev.imager.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;

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
        @JsonProperty(required = true) long sentEpochMillis) implements Message {

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
    }
}
