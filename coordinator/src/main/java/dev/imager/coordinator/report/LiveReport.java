package dev.imager.coordinator.report;

import dev.imager.coordinator.config.CoordinatorConfig;
import dev.imager.coordinator.ledger.CompletedRound;
import dev.imager.coordinator.ledger.RunTotals;
import dev.imager.coordinator.load.AdaptiveProbe;
import dev.imager.coordinator.run.RunListener;
import dev.imager.coordinator.status.RunStatus;
import dev.imager.coordinator.target.PodMetricsSample;
import dev.imager.coordinator.target.PodRef;
import dev.imager.coordinator.target.PodUsage;
import dev.imager.protocol.message.RequestStatsRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The report of a run while it runs, for the live page: the same rows, probes, pod samples and totals as the
 * final report, served in pieces ({@link #snapshot}) to any number of browsers polling the coordinator.
 *
 * <p>Bounded whatever the run's length or the number of viewers: it keeps the last {@link #MAX_ROUNDS} rounds,
 * {@link #MAX_PROBES} probes and {@link #MAX_POD_POINTS} samples per pod of at most {@link #MAX_PODS} pods (older
 * ones leave the live view, never the totals, which are merged statistics of every round); a snapshot carries at
 * most {@link #MAX_ROUNDS_PER_SNAPSHOT} rounds, and nothing is kept per viewer. The run's threads (the control
 * thread's rounds and probes, the pod poller's samples) and the HTTP threads meet only in short synchronized
 * sections that copy references; serialization happens outside them, so a slow viewer never holds up a round.
 */
public final class LiveReport implements RunListener {

    /** Rounds kept for the live charts: an hour of one-second rounds. */
    public static final int MAX_ROUNDS = 3_600;
    /** Rounds in one snapshot; a viewer that is further behind asks again at once. */
    public static final int MAX_ROUNDS_PER_SNAPSHOT = 300;
    /** Adaptive probes kept. */
    public static final int MAX_PROBES = 1_000;
    /** Target pods followed (pod and service modes). */
    public static final int MAX_PODS = 64;
    /** Samples kept per pod: an hour at the default 5 s poll interval. */
    public static final int MAX_POD_POINTS = 720;

    private final CoordinatorConfig config;
    private final String version;
    private final Supplier<RunStatus> status;
    private final double intervalSeconds;

    private final Deque<RoundRow> rows = new ArrayDeque<>();
    private final Deque<ProbeRow> probes = new ArrayDeque<>();
    private final Map<PodRef, Deque<PodSample>> pods = new LinkedHashMap<>();
    private final RequestStatsRecorder runStats = new RequestStatsRecorder();
    private long firstStartEpochNanos = -1;
    private long measuredRounds;
    private long notSentRounds;
    private long lost;
    private ReportTotals totals;

    /**
     * @param status the run's status now (any thread), shown with every snapshot
     */
    public LiveReport(CoordinatorConfig config, String version, Supplier<RunStatus> status) {
        this.config = config;
        this.version = version;
        this.status = status;
        this.intervalSeconds = config.load().scheduleInterval().toNanos() / 1e9;
        this.totals = ReportCollector.totals(new RunTotals(0, 0, runStats.snapshot(), 0), intervalSeconds);
    }

    @Override
    public void onRound(CompletedRound round, RunStatus now) {
        ReportTotals newTotals = null;
        if (!round.warmup()) {
            // Merging and reading percentiles happen on the control thread, once a round, off the lock.
            runStats.add(round.stats());
            measuredRounds++;
            notSentRounds += round.notSent() ? 1 : 0;
            lost += round.lost();
            newTotals = ReportCollector.totals(new RunTotals(measuredRounds, notSentRounds, runStats.snapshot(), lost),
                    intervalSeconds);
        }
        synchronized (this) {
            if (firstStartEpochNanos < 0) {
                // Rounds complete in order, so the first one seen is round 0 (or the first warm-up round).
                firstStartEpochNanos = round.startEpochNanos() - round.round() * config.load().scheduleInterval()
                        .toNanos();
            }
            add(rows, ReportCollector.row(round, (round.startEpochNanos() - firstStartEpochNanos) / 1e9), MAX_ROUNDS);
            if (newTotals != null) {
                totals = newTotals;
            }
        }
    }

    @Override
    public synchronized void onProbe(AdaptiveProbe probe, double startSeconds) {
        add(probes, ReportCollector.probeRow(probe, startSeconds), MAX_PROBES);
    }

    @Override
    public synchronized void onPodMetrics(PodMetricsSample sample) {
        for (PodUsage u : sample.pods()) {
            PodRef ref = new PodRef(u.namespace(), u.pod());
            Deque<PodSample> points = pods.get(ref);
            if (points == null) {
                if (pods.size() >= MAX_PODS) {
                    continue;
                }
                points = new ArrayDeque<>();
                pods.put(ref, points);
            }
            add(points, new PodSample(sample.at(), u.cpuMillicores(), u.memoryBytes()), MAX_POD_POINTS);
        }
    }

    /**
     * The run so far, with the rounds after {@code afterRound} (at most {@link #MAX_ROUNDS_PER_SNAPSHOT}; -1 for
     * the first ones kept). Any thread.
     */
    public LiveSnapshot snapshot(long afterRound) {
        RunStatus now = status.get();
        List<RoundRow> newRows = new ArrayList<>();
        List<ProbeRow> probeRows;
        Map<PodRef, List<PodSample>> podCopy = new LinkedHashMap<>();
        long firstStart;
        long firstKept;
        boolean more = false;
        ReportTotals totalsNow;
        synchronized (this) {
            for (RoundRow r : rows) {
                if (r.round() > afterRound) {
                    if (newRows.size() == MAX_ROUNDS_PER_SNAPSHOT) {
                        more = true;
                        break;
                    }
                    newRows.add(r);
                }
            }
            probeRows = List.copyOf(probes);
            pods.forEach((ref, points) -> podCopy.put(ref, List.copyOf(points)));
            firstStart = firstStartEpochNanos;
            firstKept = rows.isEmpty() ? -1 : rows.getFirst().round();
            totalsNow = totals;
        }
        Instant startedAt = firstStart < 0 ? null : Instant.ofEpochSecond(0, firstStart);
        Instant nowInstant = Instant.now();
        ReportSettings settings = ReportCollector.settings(config, intervalSeconds, now.liveWorkers());
        Capacity capacity = now.capacityRps() == null ? null : new Capacity(now.capacityRps(), "found so far");
        return new LiveSnapshot(now.runId(), now.coordinatorId(), version, startedAt, nowInstant, now.state(),
                settings, totalsNow, newRows, probeRows, capacity, podSeries(podCopy, startedAt), List.of(), now,
                firstKept, more);
    }

    private static List<PodSeries> podSeries(Map<PodRef, List<PodSample>> byPod, Instant start) {
        List<PodSeries> series = new ArrayList<>();
        byPod.forEach((ref, samples) -> {
            List<PodPoint> points = new ArrayList<>(samples.size());
            for (PodSample s : samples) {
                double t = start == null ? 0 : Math.max(0, Duration.between(start, s.at()).toNanos() / 1e9);
                points.add(new PodPoint(t, s.cpuMillicores(), s.memoryBytes()));
            }
            series.add(new PodSeries(ref.namespace(), ref.name(), points));
        });
        return series;
    }

    private static <T> void add(Deque<T> queue, T item, int capacity) {
        if (queue.size() == capacity) {
            queue.removeFirst();
        }
        queue.addLast(item);
    }

    /** A pod sample as polled, placed on the run's time axis only when a snapshot is taken. */
    private record PodSample(Instant at, long cpuMillicores, long memoryBytes) {
    }
}
