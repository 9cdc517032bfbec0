package dev.imager.protocol.message;

/** What a worker reports about itself in each heartbeat. */
public enum WorkerState {
    /** Subscribed and idle: takes jobs. */
    READY,
    /** Subscribed and running at least one job: still takes jobs. */
    BUSY,
    /** Unsubscribed, finishing in-flight requests before it exits: takes no jobs. */
    DRAINING
}
