package dev.imager.coordinator.load.adaptive;

/** What bounds the capacity an adaptive search reports. */
public enum CapacityLimit {
    /** Nothing yet: still ramping without a failure. */
    NOT_YET_FOUND,
    /** The target: it failed just above the reported capacity. */
    TARGET,
    /** {@code -max-rps}: the target sustained it, so the capacity is at least that. */
    MAX_RPS,
    /** The load generator could not drive more: the capacity is at least the reported rate. */
    GENERATOR
}
