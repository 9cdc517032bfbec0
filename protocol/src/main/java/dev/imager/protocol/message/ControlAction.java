package dev.imager.protocol.message;

/** Run-level commands a coordinator broadcasts to every worker. */
public enum ControlAction {
    /** A run begins; workers may log it and reset per-run state. */
    START,
    /** The run ends now: workers abandon the run's unsent requests (reported as dropped) and send final deltas. */
    STOP,
    /** The run is winding down: workers finish what they have; no more jobs will come for it. */
    DRAIN,
    /**
     * A coordinator is waiting for workers: each worker beats at once instead of at its next interval, so one
     * started while the fleet is already up registers it without waiting up to a heartbeat interval.
     */
    ROLL_CALL
}
