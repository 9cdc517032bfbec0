package dev.imager.coordinator.registry;

import dev.imager.protocol.message.Heartbeat;

/**
 * One worker as last seen.
 *
 * @param workerId its id
 * @param liveness what the coordinator concludes from its beats now
 * @param lastBeat its last heartbeat (its host and version cut to a bounded length)
 * @param lastBeatNanos when that beat arrived, on the coordinator's monotonic clock
 * @param intervalMillis the beat interval its silence is judged by: the one its first beat declared, within
 *     {@link Heartbeat#MIN_INTERVAL_MILLIS}..{@link Heartbeat#MAX_INTERVAL_MILLIS}
 * @param lastJobNanos when it last acknowledged a job, or {@link #NEVER}
 */
public record WorkerEntry(String workerId, WorkerLiveness liveness, Heartbeat lastBeat, long lastBeatNanos,
        long intervalMillis, long lastJobNanos) {

    /** {@link #lastJobNanos} of a worker that has taken no job. */
    public static final long NEVER = Long.MIN_VALUE;

    WorkerEntry withLiveness(WorkerLiveness s) {
        return new WorkerEntry(workerId, s, lastBeat, lastBeatNanos, intervalMillis, lastJobNanos);
    }

    WorkerEntry withJobTaken(long nowNanos) {
        return new WorkerEntry(workerId, liveness, lastBeat, lastBeatNanos, intervalMillis, nowNanos);
    }

    /** True when it acknowledged a job at or after {@code sinceNanos}. */
    boolean tookJobSince(long sinceNanos) {
        return lastJobNanos != NEVER && lastJobNanos - sinceNanos >= 0;
    }
}
