package dev.imager.coordinator.registry;

import dev.imager.protocol.message.Heartbeat;

/**
 * One worker as last seen.
 *
 * @param workerId its id
 * @param status what the coordinator believes now
 * @param lastBeat its last heartbeat
 * @param lastBeatNanos when that beat arrived, on the coordinator's monotonic clock
 */
public record WorkerEntry(String workerId, WorkerStatus status, Heartbeat lastBeat, long lastBeatNanos) {

    WorkerEntry withStatus(WorkerStatus s) {
        return new WorkerEntry(workerId, s, lastBeat, lastBeatNanos);
    }
}
