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

    /** Records a beat; returns the liveness change it caused, or null when the worker's liveness is unchanged. */
    public WorkerEvent onHeartbeat(Heartbeat beat, long nowNanos) {
        WorkerEntry previous = workers.get(beat.workerId());
        WorkerLiveness liveness = beat.state() == WorkerState.DRAINING ? WorkerLiveness.DRAINING : WorkerLiveness.LIVE;
        workers.put(beat.workerId(), new WorkerEntry(beat.workerId(), liveness, beat, nowNanos));
        if (previous == null) {
            return new WorkerEvent(beat.workerId(), null, liveness);
        }
        return previous.liveness() == liveness ? null
                : new WorkerEvent(beat.workerId(), previous.liveness(), liveness);
    }

    /** Applies the passage of time: LIVE/DRAINING → MISSING → GONE → forgotten. Returns the changes. */
    public List<WorkerEvent> sweep(long nowNanos) {
        List<WorkerEvent> events = new ArrayList<>();
        for (var it = workers.entrySet().iterator(); it.hasNext(); ) {
            WorkerEntry w = it.next().getValue();
            long interval = Math.max(1, w.lastBeat().intervalMillis()) * 1_000_000L;
            long silent = nowNanos - w.lastBeatNanos();
            WorkerLiveness next = w.liveness();
            if (silent > interval * thresholds.forgetAfterBeats()) {
                it.remove();
                if (w.liveness() != WorkerLiveness.GONE) {
                    events.add(new WorkerEvent(w.workerId(), w.liveness(), WorkerLiveness.GONE));
                }
                events.add(new WorkerEvent(w.workerId(), WorkerLiveness.GONE, null));
                continue;
            } else if (silent > interval * thresholds.goneAfterBeats()) {
                next = WorkerLiveness.GONE;
            } else if (silent > interval * thresholds.missingAfterBeats()) {
                next = WorkerLiveness.MISSING;
            }
            if (next != w.liveness()) {
                events.add(new WorkerEvent(w.workerId(), w.liveness(), next));
                workers.put(w.workerId(), w.withLiveness(next));
            }
        }
        return events;
    }

    /** Workers that take jobs now. */
    public List<WorkerEntry> live() {
        return workers.values().stream().filter(w -> w.liveness() == WorkerLiveness.LIVE).toList();
    }

    public int liveCount() {
        return (int) workers.values().stream().filter(w -> w.liveness() == WorkerLiveness.LIVE).count();
    }

    /** How many workers have each liveness (every value present, zeros included). */
    public Map<WorkerLiveness, Integer> countByLiveness() {
        Map<WorkerLiveness, Integer> counts = new EnumMap<>(WorkerLiveness.class);
        for (WorkerLiveness s : WorkerLiveness.values()) {
            counts.put(s, 0);
        }
        workers.values().forEach(w -> counts.merge(w.liveness(), 1, Integer::sum));
        return counts;
    }

    public Collection<WorkerEntry> all() {
        return List.copyOf(workers.values());
    }

    public WorkerEntry get(String workerId) {
        return workers.get(workerId);
    }
}
