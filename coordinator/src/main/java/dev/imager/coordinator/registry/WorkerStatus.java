package dev.imager.coordinator.registry;

/** What the coordinator believes about a worker, from its heartbeats (or their absence). */
public enum WorkerStatus {
    /** Beating and taking jobs (it reports READY or BUSY). */
    LIVE,
    /** Beating but shutting down: takes no jobs. */
    DRAINING,
    /** Silent for {@link LivenessThresholds#missingAfterBeats()} intervals: maybe paused, maybe dead. */
    MISSING,
    /** Silent for {@link LivenessThresholds#goneAfterBeats()} intervals: its unfinished jobs are lost. */
    GONE
}
