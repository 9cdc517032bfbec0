package dev.imager.coordinator.registry;

/**
 * How many heartbeat intervals of silence make a worker MISSING and then GONE, and how long a GONE worker
 * is remembered. Counted in the worker's own interval (each heartbeat says how often it beats), so a fleet
 * with a slower cadence is judged by its own clock.
 *
 * @param missingAfterBeats silent intervals before MISSING (Locust uses 3)
 * @param goneAfterBeats silent intervals before GONE
 * @param forgetAfterBeats silent intervals after which a GONE worker is dropped from the registry entirely
 */
public record LivenessThresholds(int missingAfterBeats, int goneAfterBeats, int forgetAfterBeats) {

    /** 3 beats to MISSING, 10 to GONE, forgotten after 300. */
    public static final LivenessThresholds DEFAULT = new LivenessThresholds(3, 10, 300);

    public LivenessThresholds {
        if (missingAfterBeats < 1 || goneAfterBeats <= missingAfterBeats || forgetAfterBeats <= goneAfterBeats) {
            throw new IllegalArgumentException("need 1 <= missing < gone < forget, got " + missingAfterBeats + ", "
                    + goneAfterBeats + ", " + forgetAfterBeats);
        }
    }
}
