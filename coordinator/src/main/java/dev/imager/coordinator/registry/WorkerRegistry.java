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
 *
 * <p>Bounded against whatever a publisher sends: at most {@code maxWorkers} entries (a new worker beyond that is
 * refused, after forgetting GONE ones), host and version cut to {@value #MAX_HOST_CHARS} and
 * {@value #MAX_VERSION_CHARS} characters, and a worker's silence is judged by the interval its first beat declared,
 * clamped to {@link Heartbeat#MIN_INTERVAL_MILLIS}..{@link Heartbeat#MAX_INTERVAL_MILLIS}: a later beat under the
 * same id cannot make it GONE at once by declaring a tiny interval.
 *
 * <p>Rounds are split among the workers that actually take jobs ({@link #splitCount}): a worker that beats but never
 * takes a job (a phantom, or one whose subscription failed) changes nothing.
 */
public final class WorkerRegistry {

    /** Workers remembered at most by default: far more than any fleet, small enough to bound memory. */
    public static final int DEFAULT_MAX_WORKERS = 1_000;

    /** Longest host name kept from a heartbeat (a DNS name's maximum). */
    public static final int MAX_HOST_CHARS = 253;

    /** Longest version kept from a heartbeat. */
    public static final int MAX_VERSION_CHARS = 64;

    private final LivenessThresholds thresholds;
    private final int maxWorkers;
    private final Map<String, WorkerEntry> workers = new LinkedHashMap<>();

    public WorkerRegistry(LivenessThresholds thresholds) {
        this(thresholds, DEFAULT_MAX_WORKERS);
    }

    public WorkerRegistry(LivenessThresholds thresholds, int maxWorkers) {
        if (maxWorkers < 1) {
            throw new IllegalArgumentException("maxWorkers must be >= 1, got " + maxWorkers);
        }
        this.thresholds = thresholds;
        this.maxWorkers = maxWorkers;
    }

    /**
     * True when a beat of {@code workerId} can be recorded: it is known, or there is room (GONE workers are forgotten
     * early to make some).
     */
    public boolean hasRoomFor(String workerId) {
        if (workers.containsKey(workerId) || workers.size() < maxWorkers) {
            return true;
        }
        workers.values().removeIf(w -> w.liveness() == WorkerLiveness.GONE);
        return workers.size() < maxWorkers;
    }

    /**
     * Records a beat; returns the liveness change it caused, or null when the worker's liveness is unchanged.
     *
     * @throws IllegalStateException for a new worker when {@link #hasRoomFor} says there is no room
     */
    public WorkerEvent onHeartbeat(Heartbeat beat, long nowNanos) {
        if (!hasRoomFor(beat.workerId())) {
            throw new IllegalStateException("the registry holds its maximum of " + maxWorkers + " workers");
        }
        WorkerEntry previous = workers.get(beat.workerId());
        WorkerLiveness liveness = beat.state() == WorkerState.DRAINING ? WorkerLiveness.DRAINING : WorkerLiveness.LIVE;
        long interval = previous != null ? previous.intervalMillis()
                : Math.max(Heartbeat.MIN_INTERVAL_MILLIS, Math.min(beat.intervalMillis(), Heartbeat.MAX_INTERVAL_MILLIS));
        long lastJob = previous != null ? previous.lastJobNanos() : WorkerEntry.NEVER;
        workers.put(beat.workerId(), new WorkerEntry(beat.workerId(), liveness, bounded(beat), nowNanos, interval,
                lastJob));
        if (previous == null) {
            return new WorkerEvent(beat.workerId(), null, liveness);
        }
        return previous.liveness() == liveness ? null
                : new WorkerEvent(beat.workerId(), previous.liveness(), liveness);
    }

    /** {@code workerId} acknowledged a job at {@code nowNanos}: it takes jobs, so it counts in the split. */
    public void onJobTaken(String workerId, long nowNanos) {
        WorkerEntry w = workers.get(workerId);
        if (w != null) {
            workers.put(workerId, w.withJobTaken(nowNanos));
        }
    }

    /**
     * How many workers a round should be split for: the LIVE workers that acknowledged a job within
     * {@code windowNanos}; before any has (the run's first round), every LIVE worker. New workers join the queue
     * group and get jobs from it whatever the split, and count from their first acknowledgement on.
     */
    public int splitCount(long nowNanos, long windowNanos) {
        long since = nowNanos - windowNanos;
        int takers = (int) workers.values().stream()
                .filter(w -> w.liveness() == WorkerLiveness.LIVE && w.tookJobSince(since)).count();
        return takers > 0 ? takers : liveCount();
    }

    /**
     * The coordinator could not hear anyone for {@code gapNanos} (its own bus connection was down, or its control
     * thread stalled): that is no news of any worker, not silence, so every worker's silence is counted without it.
     * A broker blip therefore marks no live worker MISSING.
     */
    public void excuse(long gapNanos, long nowNanos) {
        workers.replaceAll((id, w) -> w.excused(gapNanos, nowNanos));
    }

    /** Applies the passage of time: LIVE/DRAINING → MISSING → GONE → forgotten. Returns the changes. */
    public List<WorkerEvent> sweep(long nowNanos) {
        List<WorkerEvent> events = new ArrayList<>();
        for (var it = workers.entrySet().iterator(); it.hasNext(); ) {
            WorkerEntry w = it.next().getValue();
            long interval = w.intervalMillis() * 1_000_000L;
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

    /**
     * LIVE workers that run {@code model} ({@link Heartbeat#OPEN_MODEL}, {@link Heartbeat#CLOSED_MODEL}), as their
     * last beat said: how many a closed run splits its users for (workers from before the closed model run the open
     * one only, and never receive its jobs).
     */
    public int liveCount(String model) {
        return (int) workers.values().stream()
                .filter(w -> w.liveness() == WorkerLiveness.LIVE && w.lastBeat().runs(model)).count();
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

    /** {@code beat} with its free-text fields cut to their bounds. */
    private static Heartbeat bounded(Heartbeat beat) {
        if (beat.host().length() <= MAX_HOST_CHARS && beat.version().length() <= MAX_VERSION_CHARS) {
            return beat;
        }
        return new Heartbeat(beat.workerId(), cut(beat.host(), MAX_HOST_CHARS), cut(beat.version(), MAX_VERSION_CHARS),
                beat.state(), beat.inFlight(), beat.activeJobs(), beat.sendLagP99Micros(), beat.cpuLoad(),
                beat.maxInFlight(), beat.intervalMillis(), beat.sentEpochMillis(), beat.models());
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
