package dev.imager.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A delta of one job's results since the worker's previous delta for that job. Workers stream these at
 * least every second while a job runs and end with one where {@code done} is true. Summing every delta of
 * a job gives its totals; {@code seq} numbers the deltas from 0 so duplicates and gaps are visible.
 *
 * <p>On the wire the fields of {@code stats} ({@code outcomes}, {@code statusCodes}, {@code bytesReceived},
 * {@code latency}, {@code serviceTime}, {@code sendLag}) sit at the top level of the message, between
 * {@code seq} and {@code done}, each required.
 *
 * @param runId the job's run
 * @param round the job's round
 * @param jobId the job
 * @param workerId the worker running it
 * @param seq delta sequence number for this job, from 0
 * @param stats the requests that ended (and were sent) in this delta
 * @param done true on the job's final delta: every request of the job is accounted for
 */
@JsonPropertyOrder({"v", "runId", "round", "jobId", "workerId", "seq", "stats", "done"})
public record JobResult(
        String runId,
        long round,
        String jobId,
        String workerId,
        int seq,
        @JsonUnwrapped RequestStats stats,
        boolean done) implements Message {

    public JobResult {
        MessageFieldChecks.id(runId, "runId");
        MessageFieldChecks.nonNegative(round, "round");
        MessageFieldChecks.id(jobId, "jobId");
        MessageFieldChecks.id(workerId, "workerId");
        MessageFieldChecks.nonNegative(seq, "seq");
        MessageFieldChecks.required(stats, "stats");
    }

    /**
     * How the codec reads a job-result. The stats parameter is deliberately left without a JSON name: it is read
     * from the top-level fields, and a field a newer peer might call {@code stats} stays an unknown field, ignored
     * like any other.
     */
    @JsonCreator
    private static JobResult read(
            @JsonProperty(value = "runId", required = true) String runId,
            @JsonProperty(value = "round", required = true) long round,
            @JsonProperty(value = "jobId", required = true) String jobId,
            @JsonProperty(value = "workerId", required = true) String workerId,
            @JsonProperty(value = "seq", required = true) int seq,
            @JsonUnwrapped RequestStats stats,
            @JsonProperty(value = "done", required = true) boolean done) {
        return new JobResult(runId, round, jobId, workerId, seq, stats, done);
    }
}
