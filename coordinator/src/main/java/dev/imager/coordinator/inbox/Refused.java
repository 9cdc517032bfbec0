package dev.imager.coordinator.inbox;

/**
 * A message the coordinator did not take, and why.
 *
 * @param reason the metric's reason
 * @param detail what was wrong with this one, for the log line
 */
public record Refused(MessageRefusal reason, String detail) {
}
