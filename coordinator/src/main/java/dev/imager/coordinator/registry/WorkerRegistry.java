package dev.imager.coordinator.registry;

import dev.imager.protocol.message.Heartbeat;
import dev.imager.protocol.message.WorkerState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet as heartbeats describe it: the first beat registers a worker, silence makes it MISSING and then
 * GONE, a returning beat revives it. Pure: time comes in as monotonic nanoseconds, so tests are tables.
 * Not thread-safe: the coordinator's control thread owns it.
 */
public final class WorkerRegistry {

    private final LivenessThresholds thresholds;
    private final Map<String, WorkerEntry> workers = new LinkedHashMap<>();

    public WorkerRegistry(LivenessThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** Records a beat; returns the status change it caused, or null when the worker's status is unchanged. */
    public WorkerEvent onHeartbeat(Heartbeat beat, long nowNanos) {
        WorkerEntry previous = workers.get(beat.workerId());
        WorkerStatus status = beat.state() == WorkerState.DRAINING ? WorkerStatus.DRAINING : WorkerStatus.LIVE;
        workers.put(beat.workerId(), new WorkerEntry(beat.workerId(), status, beat, nowNanos));
        if (previous == null) {
            return new WorkerEvent(beat.workerId(), null, status);
        }
        return previous.status() == status ? null : new WorkerEvent(beat.workerId(), previous.status(), status);
    }

    /** Applies the passage of time: LIVE/DRAINING → MISSING → GONE → forgotten. Returns the changes. */
    public List<WorkerEvent> sweep(long nowNanos) {
        List<WorkerEvent> events = new ArrayList<>();
        for (var it = workers.entrySet().iterator(); it.hasNext(); ) {
            WorkerEntry w = it.next().getValue();
            long interval = Math.max(1, w.lastBeat().intervalMillis()) * 1_000_000L;
            long silent = nowNanos - w.lastBeatNanos();
            WorkerStatus next = w.status();
            if (silent > interval * thresholds.forgetAfterBeats()) {
                it.remove();
                if (w.status() != WorkerStatus.GONE) {
                    events.add(new WorkerEvent(w.workerId(), w.status(), WorkerStatus.GONE));
                }
                events.add(new WorkerEvent(w.workerId(), WorkerStatus.GONE, null));
                continue;
            } else if (silent > interval * thresholds.goneAfterBeats()) {
                next = WorkerStatus.GONE;
            } else if (silent > interval * thresholds.missingAfterBeats()) {
                next = WorkerStatus.MISSING;
            }
            if (next != w.status()) {
                events.add(new WorkerEvent(w.workerId(), w.status(), next));
                workers.put(w.workerId(), w.withStatus(next));
            }
        }
        return events;
    }

    /** Workers that take jobs now. */
    public List<WorkerEntry> live() {
        return workers.values().stream().filter(w -> w.status() == WorkerStatus.LIVE).toList();
    }

    public int liveCount() {
        return (int) workers.values().stream().filter(w -> w.status() == WorkerStatus.LIVE).count();
    }

    /** How many workers are in each status (every status present, zeros included). */
    public Map<WorkerStatus, Integer> countByStatus() {
        Map<WorkerStatus, Integer> counts = new EnumMap<>(WorkerStatus.class);
        for (WorkerStatus s : WorkerStatus.values()) {
            counts.put(s, 0);
        }
        workers.values().forEach(w -> counts.merge(w.status(), 1, Integer::sum));
        return counts;
    }

    public Collection<WorkerEntry> all() {
        return List.copyOf(workers.values());
    }

    public WorkerEntry get(String workerId) {
        return workers.get(workerId);
    }
}
