package dev.imager.protocol.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A closed-model unit of work: {@code users} virtual users, each sending a request, waiting for its outcome
 * (response, error or timeout), waiting {@code thinkTimeMicros}, and sending the next, from the job's start until
 * its span ends. No request starts after the span; those in flight then finish or time out. Published on its own
 * subject ({@code <prefix>.users-jobs}), so a worker that does not know this message never receives it.
 *
 * <p>User {@code u}'s {@code k}-th request is {@code requests.get((u + k) % requests.size())}; targets are used
 * round-robin the same way. How many requests the job sends is its outcome, not its plan.
 *
 * @param runId the run this job belongs to
 * @param round the coordinator round that planned it, from 0
 * @param jobId unique within the run
 * @param startEpochNanos when the users start, Unix epoch nanoseconds
 * @param spanMicros how long the users keep starting requests, microseconds
 * @param users how many users this job runs
 * @param thinkTimeMicros each user's pause between an outcome and its next request, microseconds
 * @param requests the request templates the users cycle through
 * @param targets absolute base URLs, e.g. {@code http://127.0.1.7:8080}
 * @param timeoutMillis per-request timeout
 * @param httpVersion the HTTP version to speak
 * @param maxRedirects redirects to follow per request, 0 to follow none
 */
public record UsersJob(
        @JsonProperty(required = true) String runId,
        @JsonProperty(required = true) long round,
        @JsonProperty(required = true) String jobId,
        @JsonProperty(required = true) long startEpochNanos,
        @JsonProperty(required = true) long spanMicros,
        @JsonProperty(required = true) int users,
        @JsonProperty(required = true) long thinkTimeMicros,
        @JsonProperty(required = true) List<RequestSpec> requests,
        @JsonProperty(required = true) List<String> targets,
        @JsonProperty(required = true) long timeoutMillis,
        @JsonProperty(required = true) HttpVersionChoice httpVersion,
        @JsonProperty(required = true) int maxRedirects) implements Message {

    /**
     * Most users in one job: each is a request in flight on the worker at any time, so a peer must not choose it
     * freely. The coordinator splits larger user counts into more jobs.
     */
    public static final int MAX_USERS = 10_000;

    /** Most request templates in one job. */
    public static final int MAX_REQUESTS = MAX_USERS;

    /** Longest think time, microseconds (10 minutes). */
    public static final long MAX_THINK_TIME_MICROS = 600_000_000L;

    public UsersJob {
        MessageFieldChecks.id(runId, "runId");
        MessageFieldChecks.nonNegative(round, "round");
        MessageFieldChecks.id(jobId, "jobId");
        if (startEpochNanos <= 0) {
            throw new IllegalArgumentException("startEpochNanos must be > 0, got " + startEpochNanos);
        }
        if (spanMicros <= 0 || spanMicros > Job.MAX_SPAN_MICROS) {
            throw new IllegalArgumentException("spanMicros must be within 1.." + Job.MAX_SPAN_MICROS + ", got "
                    + spanMicros);
        }
        if (users < 1 || users > MAX_USERS) {
            throw new IllegalArgumentException("users must be within 1.." + MAX_USERS + ", got " + users);
        }
        if (thinkTimeMicros < 0 || thinkTimeMicros > MAX_THINK_TIME_MICROS) {
            throw new IllegalArgumentException("thinkTimeMicros must be within 0.." + MAX_THINK_TIME_MICROS + ", got "
                    + thinkTimeMicros);
        }
        MessageFieldChecks.required(requests, "requests");
        MessageFieldChecks.required(targets, "targets");
        if (requests.isEmpty() || requests.size() > MAX_REQUESTS) {
            throw new IllegalArgumentException("requests must hold 1.." + MAX_REQUESTS + " templates, got "
                    + requests.size());
        }
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i) == null) {
                throw new IllegalArgumentException("requests[" + i + "] is required");
            }
        }
        MessageFieldChecks.targets(targets);
        MessageFieldChecks.required(httpVersion, "httpVersion");
        MessageFieldChecks.timeoutAndRedirects(timeoutMillis, maxRedirects);
        requests = List.copyOf(requests);
        targets = List.copyOf(targets);
    }

    /** When the users stop starting requests, Unix epoch nanoseconds. */
    @JsonIgnore
    public long spanEndEpochNanos() {
        return startEpochNanos + spanMicros * 1_000L;
    }

    /** The instant by which every request of the job has completed or timed out, Unix epoch nanoseconds. */
    @JsonIgnore
    public long deadlineEpochNanos() {
        return spanEndEpochNanos() + timeoutMillis * 1_000_000L;
    }

    @Override
    public String toString() {
        return "UsersJob[runId=" + runId + ", round=" + round + ", jobId=" + jobId + ", users=" + users + ", start="
                + startEpochNanos + ", spanMicros=" + spanMicros + ", thinkTimeMicros=" + thinkTimeMicros
                + ", templates=" + requests.size() + ", targets=" + targets + ", timeoutMillis=" + timeoutMillis
                + ", httpVersion=" + httpVersion.flagValue() + ", maxRedirects=" + maxRedirects + "]";
    }
}
