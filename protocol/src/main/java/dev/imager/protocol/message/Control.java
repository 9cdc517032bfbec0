package dev.imager.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A broadcast from a coordinator about one run.
 *
 * @param runId the run concerned
 * @param coordinatorId the sending coordinator
 * @param action start, stop, drain or roll call
 * @param reason why, for logs (may be empty)
 */
public record Control(
        @JsonProperty(required = true) String runId,
        @JsonProperty(required = true) String coordinatorId,
        @JsonProperty(required = true) ControlAction action,
        String reason) implements Message {

    /** Longest reason accepted: it is for a log line. */
    public static final int MAX_REASON_CHARS = 1024;

    public Control {
        MessageFieldChecks.id(runId, "runId");
        MessageFieldChecks.id(coordinatorId, "coordinatorId");
        MessageFieldChecks.required(action, "action");
        reason = reason == null ? "" : MessageFieldChecks.atMost(reason, MAX_REASON_CHARS, "reason");
    }
}
