package dev.imager.coordinator.registry;

/**
 * A change in a worker's liveness.
 *
 * @param workerId the worker
 * @param from its previous liveness, or null when it just registered
 * @param to its new liveness, or null when it was forgotten
 */
public record WorkerEvent(String workerId, WorkerLiveness from, WorkerLiveness to) {

    public boolean gone() {
        return to == WorkerLiveness.GONE;
    }

    @Override
    public String toString() {
        return "worker " + workerId + ": " + (from == null ? "registered" : from) + " -> " + (to == null ? "forgotten" : to);
    }
}
