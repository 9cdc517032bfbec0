package dev.imager.protocol.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Sent by a worker on the reply subject instead of running a job it cannot run. The coordinator counts
 * the job's requests as {@code lost} (or {@code dropped} for {@link RejectReason#EXPIRED}).
 *
 * @param runId the job's run, when the job could be read far enough to know it; else null
 * @param jobId the job's id, when known; else null
 * @param workerId the rejecting worker
 * @param reason why, as a stable code
 * @param detail a human-readable explanation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobRejected(
        String runId,
        String jobId,
        @JsonProperty(required = true) String workerId,
        @JsonProperty(required = true) RejectReason reason,
        @JsonProperty(required = true) String detail) implements Message {

    public JobRejected {
        MessageFieldChecks.nonBlank(workerId, "workerId");
        MessageFieldChecks.required(reason, "reason");
        detail = detail == null ? "" : detail;
    }
}
