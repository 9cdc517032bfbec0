package dev.imager.protocol.message;

/**
 * What a worker says of itself in each heartbeat. The coordinator's view of a worker is its liveness
 * ({@code WorkerLiveness}: LIVE, DRAINING, MISSING, GONE), which it derives from these states and from the beats'
 * timing.
 */
public enum WorkerState {
    /** Subscribed and idle: takes jobs. */
    READY,
    /** Subscribed and running at least one job: still takes jobs. */
    BUSY,
    /** Unsubscribed, finishing in-flight requests before it exits: takes no jobs. */
    DRAINING
}
