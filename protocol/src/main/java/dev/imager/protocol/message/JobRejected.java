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

    /** Longest detail accepted: it is for a log line. */
    public static final int MAX_DETAIL_CHARS = 4096;

    public JobRejected {
        MessageFieldChecks.id(workerId, "workerId");
        MessageFieldChecks.atMost(runId, Message.MAX_ID_CHARS, "runId");
        MessageFieldChecks.atMost(jobId, Message.MAX_ID_CHARS, "jobId");
        MessageFieldChecks.required(reason, "reason");
        detail = detail == null ? "" : MessageFieldChecks.atMost(detail, MAX_DETAIL_CHARS, "detail");
    }
}
