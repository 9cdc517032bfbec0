package dev.imager.coordinator.registry;

/**
 * What the coordinator concludes about a worker from its heartbeats and their timing: the registry's liveness
 * state machine. Not to be confused with {@link dev.imager.protocol.message.WorkerState}, what a worker says of
 * itself in each beat (a DRAINING state makes a DRAINING liveness, READY and BUSY make LIVE; MISSING and GONE
 * come from silence, which no worker can report). Shown as {@code status} in metrics and in the run status.
 */
public enum WorkerLiveness {
    /** Beating and taking jobs (it reports READY or BUSY). */
    LIVE("live"),
    /** Beating but shutting down: takes no jobs. */
    DRAINING("draining"),
    /** Silent for {@link LivenessThresholds#missingAfterBeats()} intervals: maybe paused, maybe dead. */
    MISSING("missing"),
    /** Silent for {@link LivenessThresholds#goneAfterBeats()} intervals: its unfinished jobs are lost. */
    GONE("gone");

    private final String label;

    WorkerLiveness(String label) {
        this.label = label;
    }

    /** The name used in the run status ({@code workers}) and in the {@code status} metric tag. */
    public String label() {
        return label;
    }
}
