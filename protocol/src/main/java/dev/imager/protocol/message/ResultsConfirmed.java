package dev.imager.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Sent by the coordinator to one worker ({@code <prefix>.confirm.<workerId>}): the results it has counted, so the
 * worker can forget them. Until then a worker keeps every acknowledgement and result delta it sent and sends them
 * again (a broker restart loses what it held), which makes delivery at-least-once; the coordinator counts each
 * delta once, by job and sequence number. Confirmations are cumulative per job.
 *
 * @param runId the run the jobs belong to
 * @param coordinatorId the coordinator confirming (a worker ignores confirmations for jobs that report elsewhere)
 * @param workerId the worker the confirmations are for
 * @param confirmed at most {@link #MAX_CONFIRMATIONS} jobs, each with the highest sequence number counted
 */
public record ResultsConfirmed(
        @JsonProperty(required = true) String runId,
        @JsonProperty(required = true) String coordinatorId,
        @JsonProperty(required = true) String workerId,
        @JsonProperty(required = true) List<Confirmation> confirmed) implements Message {

    /** Confirmations in one message at most: a coordinator splits a longer list. */
    public static final int MAX_CONFIRMATIONS = 1_024;

    /** Sequence number that confirms the acknowledgement of a job, before any result delta. */
    public static final int ACK_SEQ = -1;

    public ResultsConfirmed {
        MessageFieldChecks.id(runId, "runId");
        MessageFieldChecks.id(coordinatorId, "coordinatorId");
        MessageFieldChecks.id(workerId, "workerId");
        MessageFieldChecks.required(confirmed, "confirmed");
        if (confirmed.size() > MAX_CONFIRMATIONS) {
            throw new IllegalArgumentException("confirmed: at most " + MAX_CONFIRMATIONS + " entries, got "
                    + confirmed.size());
        }
        confirmed = List.copyOf(confirmed);
    }

    /**
     * One job's confirmation.
     *
     * @param jobId the job
     * @param seq every delta of the job up to this sequence number has been counted ({@link #ACK_SEQ}: only the
     *     acknowledgement)
     */
    public record Confirmation(
            @JsonProperty(required = true) String jobId,
            @JsonProperty(required = true) int seq) {

        public Confirmation {
            MessageFieldChecks.id(jobId, "jobId");
            if (seq < ACK_SEQ) {
                throw new IllegalArgumentException("seq: must be >= " + ACK_SEQ + ", got " + seq);
            }
        }
    }
}
