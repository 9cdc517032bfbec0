package dev.imager.coordinator.registry;

/** What the coordinator believes about a worker, from its heartbeats (or their absence). */
public enum WorkerStatus {
    /** Beating and taking jobs (it reports READY or BUSY). */
    LIVE("live"),
    /** Beating but shutting down: takes no jobs. */
    DRAINING("draining"),
    /** Silent for {@link LivenessThresholds#missingAfterBeats()} intervals: maybe paused, maybe dead. */
    MISSING("missing"),
    /** Silent for {@link LivenessThresholds#goneAfterBeats()} intervals: its unfinished jobs are lost. */
    GONE("gone");

    private final String label;

    WorkerStatus(String label) {
        this.label = label;
    }

    /** The name used in the run status ({@code workers}) and in metric tags. */
    public String label() {
        return label;
    }
}
