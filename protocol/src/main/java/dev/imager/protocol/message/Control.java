package dev.imager.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A broadcast from a coordinator about one run.
 *
 * @param runId the run concerned
 * @param coordinatorId the sending coordinator
 * @param action start, stop or drain
 * @param reason why, for logs (may be empty)
 */
public record Control(
        @JsonProperty(required = true) String runId,
        @JsonProperty(required = true) String coordinatorId,
        @JsonProperty(required = true) ControlAction action,
        String reason) implements Message {

    public Control {
        MessageFieldChecks.nonBlank(runId, "runId");
        MessageFieldChecks.nonBlank(coordinatorId, "coordinatorId");
        MessageFieldChecks.required(action, "action");
        reason = reason == null ? "" : reason;
    }
}
