package dev.imager.coordinator.registry;

import dev.imager.protocol.message.Heartbeat;

/**
 * One worker as last seen.
 *
 * @param workerId its id
 * @param liveness what the coordinator concludes from its beats now
 * @param lastBeat its last heartbeat
 * @param lastBeatNanos when that beat arrived, on the coordinator's monotonic clock
 */
public record WorkerEntry(String workerId, WorkerLiveness liveness, Heartbeat lastBeat, long lastBeatNanos) {

    WorkerEntry withLiveness(WorkerLiveness s) {
        return new WorkerEntry(workerId, s, lastBeat, lastBeatNanos);
    }
}
