package dev.imager.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Sent by a worker on the job's reply subject the moment it takes a job, so the coordinator can tell a
 * picked-up job from a lost one.
 *
 * @param runId the job's run
 * @param round the job's round
 * @param jobId the job taken
 * @param workerId the worker that took it
 * @param receivedEpochNanos when the worker received it, Unix epoch nanoseconds (by the worker's clock)
 */
public record JobAck(
        @JsonProperty(required = true) String runId,
        @JsonProperty(required = true) long round,
        @JsonProperty(required = true) String jobId,
        @JsonProperty(required = true) String workerId,
        @JsonProperty(required = true) long receivedEpochNanos) implements Message {

    public JobAck {
        MessageFieldChecks.id(runId, "runId");
        MessageFieldChecks.nonNegative(round, "round");
        MessageFieldChecks.id(jobId, "jobId");
        MessageFieldChecks.id(workerId, "workerId");
        MessageFieldChecks.nonNegative(receivedEpochNanos, "receivedEpochNanos");
    }
}
