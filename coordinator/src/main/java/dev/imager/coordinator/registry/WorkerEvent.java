package dev.imager.coordinator.registry;

/**
 * A change in a worker's status.
 *
 * @param workerId the worker
 * @param from its previous status, or null when it just registered
 * @param to its new status, or null when it was forgotten
 */
public record WorkerEvent(String workerId, WorkerStatus from, WorkerStatus to) {

    public boolean gone() {
        return to == WorkerStatus.GONE;
    }

    @Override
    public String toString() {
        return "worker " + workerId + ": " + (from == null ? "registered" : from) + " -> " + (to == null ? "forgotten" : to);
    }
}
