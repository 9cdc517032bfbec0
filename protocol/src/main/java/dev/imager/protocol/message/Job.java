package dev.imager.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;

/**
 * A self-contained unit of work: which requests to send, to which targets, at which instants.
 * Which worker takes it does not matter.
 *
 * <p>Request {@code i} is planned for {@code startEpochNanos + offsetsMicros[i] * 1000}. The worker maps
 * the epoch start onto its monotonic clock once and fires every request at its absolute instant, so a
 * late start shows up as lateness, never as a slower rate. {@code requests.get(i)} is the request sent at
 * offset {@code i}; {@code targets} are absolute base URLs used round-robin by request index.
 *
 * @param runId the run this job belongs to
 * @param round the coordinator round (second) that planned it, from 0
 * @param jobId unique within the run
 * @param startEpochNanos planned start of the job, Unix epoch nanoseconds
 * @param offsetsMicros planned offset of each request from the start, non-decreasing, microseconds
 * @param requests one request spec per offset
 * @param targets absolute base URLs, e.g. {@code http://127.0.1.7:8080}
 * @param timeoutMillis per-request timeout: no complete response within it counts as a timeout
 * @param httpVersion the HTTP version to speak; absent on the wire (a coordinator from before the field) means
 *     {@link HttpVersionChoice#HTTP_1_1}, what such a coordinator's workers spoke
 * @param maxRedirects redirects to follow per request, 0 to follow none (a 3xx is then the response);
 *     absent on the wire means 0, what a coordinator from before the field got
 */
public record Job(
        @JsonProperty(required = true) String runId,
        @JsonProperty(required = true) long round,
        @JsonProperty(required = true) String jobId,
        @JsonProperty(required = true) long startEpochNanos,
        @JsonProperty(required = true) long[] offsetsMicros,
        @JsonProperty(required = true) List<RequestSpec> requests,
        @JsonProperty(required = true) List<String> targets,
        @JsonProperty(required = true) long timeoutMillis,
        HttpVersionChoice httpVersion,
        int maxRedirects) implements Message {

    /** Redirects followed per request by default: Go's {@code http.Client}, which the original imager used. */
    public static final int DEFAULT_MAX_REDIRECTS = 10;

    /** Most redirects a job may ask a worker to follow per request: each is another request on the wire. */
    public static final int MAX_REDIRECTS_LIMIT = 50;

    /** A job with the current defaults: HTTP version {@link HttpVersionChoice#AUTO}, up to 10 redirects. */
    public Job(String runId, long round, String jobId, long startEpochNanos, long[] offsetsMicros,
            List<RequestSpec> requests, List<String> targets, long timeoutMillis) {
        this(runId, round, jobId, startEpochNanos, offsetsMicros, requests, targets, timeoutMillis,
                HttpVersionChoice.AUTO, DEFAULT_MAX_REDIRECTS);
    }

    /**
     * Most requests in one job. What a worker holds and schedules for a job grows with its size, so a peer must not
     * choose it freely; the coordinator's {@code --max-job-size} cannot exceed it.
     */
    public static final int MAX_REQUESTS = 100_000;

    /** Most target URLs in one job. */
    public static final int MAX_TARGETS = 64;

    /** Longest target URL. */
    public static final int MAX_TARGET_CHARS = 2048;

    /**
     * Longest request timeout, in milliseconds (5 minutes): a job occupies a worker until its last request has
     * timed out. The coordinator's {@code --request-timeout} cannot exceed it.
     */
    public static final long MAX_TIMEOUT_MILLIS = 300_000;

    /**
     * Longest span of a job, first to last planned request, in microseconds (10 minutes). A job spans one round,
     * so the coordinator's {@code -schedule-interval} cannot exceed it.
     */
    public static final long MAX_SPAN_MICROS = 600_000_000L;

    public Job {
        MessageFieldChecks.id(runId, "runId");
        MessageFieldChecks.nonNegative(round, "round");
        MessageFieldChecks.id(jobId, "jobId");
        if (startEpochNanos <= 0) {
            throw new IllegalArgumentException("startEpochNanos must be > 0, got " + startEpochNanos);
        }
        MessageFieldChecks.required(offsetsMicros, "offsetsMicros");
        MessageFieldChecks.required(requests, "requests");
        MessageFieldChecks.required(targets, "targets");
        if (offsetsMicros.length == 0) {
            throw new IllegalArgumentException("offsetsMicros must hold at least one request");
        }
        if (offsetsMicros.length > MAX_REQUESTS) {
            throw new IllegalArgumentException("offsetsMicros holds " + offsetsMicros.length + " requests; at most "
                    + MAX_REQUESTS + " are accepted in one job");
        }
        if (requests.size() != offsetsMicros.length) {
            throw new IllegalArgumentException("requests has " + requests.size()
                    + " entries but offsetsMicros has " + offsetsMicros.length + "; they must match");
        }
        long previous = 0;
        for (int i = 0; i < offsetsMicros.length; i++) {
            long offset = offsetsMicros[i];
            if (offset < previous) {
                throw new IllegalArgumentException("offsetsMicros[" + i + "] = " + offset
                        + " is negative or smaller than the offset before it; offsets must be non-decreasing");
            }
            previous = offset;
        }
        if (previous > MAX_SPAN_MICROS) {
            throw new IllegalArgumentException("the job spans " + previous + " µs; at most " + MAX_SPAN_MICROS
                    + " µs are accepted");
        }
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i) == null) {
                // (The message is built only on failure: a job can hold thousands of requests.)
                throw new IllegalArgumentException("requests[" + i + "] is required");
            }
        }
        MessageFieldChecks.targets(targets);
        if (httpVersion == null) {
            throw new IllegalArgumentException("httpVersion is required");
        }
        MessageFieldChecks.timeoutAndRedirects(timeoutMillis, maxRedirects);
        offsetsMicros = offsetsMicros.clone();
        requests = List.copyOf(requests);
        targets = List.copyOf(targets);
    }

    /**
     * How the codec reads a job: the two client fields are optional, so a job from a coordinator that predates them
     * runs as it did then.
     */
    @JsonCreator
    private static Job read(
            @JsonProperty(value = "runId", required = true) String runId,
            @JsonProperty(value = "round", required = true) long round,
            @JsonProperty(value = "jobId", required = true) String jobId,
            @JsonProperty(value = "startEpochNanos", required = true) long startEpochNanos,
            @JsonProperty(value = "offsetsMicros", required = true) long[] offsetsMicros,
            @JsonProperty(value = "requests", required = true) List<RequestSpec> requests,
            @JsonProperty(value = "targets", required = true) List<String> targets,
            @JsonProperty(value = "timeoutMillis", required = true) long timeoutMillis,
            @JsonProperty("httpVersion") HttpVersionChoice httpVersion,
            @JsonProperty("maxRedirects") Integer maxRedirects) {
        return new Job(runId, round, jobId, startEpochNanos, offsetsMicros, requests, targets, timeoutMillis,
                httpVersion == null ? HttpVersionChoice.HTTP_1_1 : httpVersion, maxRedirects == null ? 0 : maxRedirects);
    }

    /** A copy of the offsets (the record itself stays immutable). */
    @Override
    public long[] offsetsMicros() {
        return offsetsMicros.clone();
    }

    /** Offset of request {@code i} without copying the array. */
    public long offsetMicros(int i) {
        return offsetsMicros[i];
    }

    /** Number of requests in the job. */
    @JsonIgnore
    public int size() {
        return offsetsMicros.length;
    }

    /** Planned instant of the last request, Unix epoch nanoseconds. */
    @JsonIgnore
    public long lastPlannedEpochNanos() {
        return startEpochNanos + offsetsMicros[offsetsMicros.length - 1] * 1_000L;
    }

    /**
     * The instant by which every request of the job has either completed or timed out, Unix epoch
     * nanoseconds: the last planned instant plus the request timeout.
     */
    @JsonIgnore
    public long deadlineEpochNanos() {
        return lastPlannedEpochNanos() + timeoutMillis * 1_000_000L;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Job j && round == j.round && startEpochNanos == j.startEpochNanos
                && timeoutMillis == j.timeoutMillis && httpVersion == j.httpVersion && maxRedirects == j.maxRedirects
                && runId.equals(j.runId) && jobId.equals(j.jobId)
                && Arrays.equals(offsetsMicros, j.offsetsMicros) && requests.equals(j.requests)
                && targets.equals(j.targets);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * runId.hashCode() + jobId.hashCode()) + Arrays.hashCode(offsetsMicros);
    }

    @Override
    public String toString() {
        return "Job[runId=" + runId + ", round=" + round + ", jobId=" + jobId + ", requests=" + size()
                + ", start=" + startEpochNanos + ", targets=" + targets + ", timeoutMillis=" + timeoutMillis + ", httpVersion=" + httpVersion.flagValue()
                + ", maxRedirects=" + maxRedirects + "]";
    }
}
