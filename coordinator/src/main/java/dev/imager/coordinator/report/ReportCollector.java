package dev.imager.coordinator.report;

import dev.imager.coordinator.config.CoordinatorConfig;
import dev.imager.coordinator.config.LoadSettings;
import dev.imager.coordinator.config.Preset;
import dev.imager.coordinator.config.StageList;
import dev.imager.coordinator.config.RequestSettings;
import dev.imager.coordinator.config.TargetSettings;
import dev.imager.coordinator.ledger.CompletedRound;
import dev.imager.coordinator.ledger.DropReason;
import dev.imager.coordinator.ledger.RunTotals;
import dev.imager.coordinator.load.AdaptiveProbe;
import dev.imager.coordinator.run.RunListener;
import dev.imager.coordinator.run.FinishedRun;
import dev.imager.coordinator.status.RunStatus;
import dev.imager.coordinator.target.PodMetricsSample;
import dev.imager.coordinator.target.PodRef;
import dev.imager.coordinator.target.PodUsage;
import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.message.RequestStats;
import dev.imager.protocol.target.TargetUrl;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows a run and turns it into a {@link RunReport}: each completed round becomes a compact
 * {@link RoundRow} as it happens (its histograms are reduced to percentiles at once, so memory grows by a
 * row a round), target pod samples are kept for the time axis, and {@link #build} adds the totals, probes
 * and capacity when the run is over.
 */
public final class ReportCollector implements RunListener {

    private final CoordinatorConfig config;
    private final String version;
    private final List<RoundRow> rows = new ArrayList<>();
    private final List<PodMetricsSample> podSamples = new ArrayList<>();
    private long firstStartEpochNanos = -1;

    public ReportCollector(CoordinatorConfig config, String version) {
        this.config = config;
        this.version = version;
    }

    @Override
    public synchronized void onRound(CompletedRound round, RunStatus status) {
        if (firstStartEpochNanos < 0) {
            // Rounds complete in order, so the first one seen is round 0 (or the first warm-up round).
            firstStartEpochNanos = round.startEpochNanos() - round.round() * config.load().scheduleInterval().toNanos();
        }
        rows.add(row(round, (round.startEpochNanos() - firstStartEpochNanos) / 1e9));
    }

    @Override
    public synchronized void onPodMetrics(PodMetricsSample sample) {
        podSamples.add(sample);
    }

    /** The report of a {@code finished} run; thresholds are added with {@link RunReport#withThresholds}. */
    public synchronized RunReport build(FinishedRun finished) {
        double interval = finished.intervalSeconds();
        List<ProbeRow> probes = new ArrayList<>();
        for (AdaptiveProbe p : finished.probes()) {
            probes.add(probeRow(p, (p.round() + finished.warmupRounds()) * interval));
        }
        Capacity capacity = finished.capacity().isPresent()
                ? new Capacity(finished.capacity().getAsDouble(), finished.capacityNote()) : null;
        return new RunReport(finished.runId(), finished.coordinatorId(), version, finished.startedAt(),
                finished.endedAt(), finished.endReason(), settings(config, interval, finished.peakWorkers()),
                totals(finished.totals(), interval),
                List.copyOf(rows), probes, capacity, pods(finished.startedAt()), List.of());
    }

    /** What {@code config} asked for, as the report shows it, with rounds of {@code intervalSeconds}. */
    static ReportSettings settings(CoordinatorConfig config, double intervalSeconds, int workers) {
        TargetSettings t = config.target();
        String target = switch (t.mode()) {
            case URL -> normalUrl(t.url());
            case POD -> "pod of " + t.namespace() + "/" + t.deployment();
            case SERVICE -> "service " + t.namespace() + "/" + t.service();
        };
        RequestSettings requests = config.requests();
        String source = requests.sourceType().equals("file") ? "file " + requests.sourceFile() : requests.sourceType();
        LoadSettings load = config.load();
        return new ReportSettings(target, t.mode().flagValue(), load.calculator(), load.minRps(), load.maxRps(),
                load.stepRps(), load.adaptiveMaxLatencyMs(), load.arrival().flagValue(), intervalSeconds,
                requests.timeout().toMillis(), source, workers, config.localMode(),
                requests.httpVersion().flagValue(), requests.redirectsPerRequest(),
                load.staged() ? StageList.format(load.stages()) : "",
                load.staged() ? load.preset().map(Preset::flagValue).orElse("") : "",
                load.model().kind().flagValue(), load.model().users(), load.model().thinkTime().toMillis());
    }

    /**
     * The normal form of a url-mode target, as workers receive it and the log shows it; the flag's text when it is no
     * target, which only a configuration built in code that skipped validation can be.
     */
    private static String normalUrl(String url) {
        try {
            return TargetUrl.parse(url.trim()).text();
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    static ReportTotals totals(RunTotals t, double intervalSeconds) {
        RequestStats s = t.stats();
        OutcomeCounts o = s.outcomes();
        double duration = t.rounds() * intervalSeconds;
        return new ReportTotals(t.rounds(), t.notSentRounds(), t.planned(), o.sent(), o.ok(), o.http4xx(), o.http5xx(),
                o.timeout(), o.connectError(), o.otherError(), o.dropped(), t.lost(), s.statusCodes(), s.protocols(),
                s.bytesReceived(), duration, duration > 0 ? t.planned() / duration : 0,
                duration > 0 ? o.sent() / duration : 0, t.errorRate(), Percentiles.of(s.latency()),
                Percentiles.of(s.serviceTime()), Percentiles.of(s.sendLag()), droppedBy(t.droppedBy()));
    }

    /** The drop reasons by their labels. */
    private static Map<String, Long> droppedBy(Map<DropReason, Long> byReason) {
        Map<String, Long> labelled = new LinkedHashMap<>();
        byReason.forEach((reason, n) -> labelled.put(reason.label(), n));
        return labelled;
    }

    /** A probe as the report shows it; {@code t} is its round's start, s since the run's first round. */
    static ProbeRow probeRow(AdaptiveProbe p, double t) {
        return new ProbeRow(p.round(), t, p.rate(), p.p99Micros() / 1e3, p.errorRatio(), p.timeoutRatio(),
                p.verdict().name(), p.reason(), p.phase());
    }

    static RoundRow row(CompletedRound r, double t) {
        RequestStats s = r.stats();
        OutcomeCounts o = s.outcomes();
        return new RoundRow(r.round(), t, r.rate(), r.planned(), o.sent(), o.ok(), o.http4xx(), o.http5xx(),
                o.timeout(), o.connectError(), o.otherError(), o.dropped(), r.lost(), Percentiles.of(s.latency()),
                Percentiles.of(s.serviceTime()), s.sendLag().valueAtPercentileMicros(99) / 1e3, r.notSentReason(),
                r.warmup());
    }

    private List<PodSeries> pods(Instant start) {
        Map<PodRef, List<PodPoint>> byPod = new LinkedHashMap<>();
        for (PodMetricsSample sample : podSamples) {
            double t = Math.max(0, Duration.between(start, sample.at()).toNanos() / 1e9);
            for (PodUsage u : sample.pods()) {
                byPod.computeIfAbsent(new PodRef(u.namespace(), u.pod()), k -> new ArrayList<>())
                        .add(new PodPoint(t, u.cpuMillicores(), u.memoryBytes()));
            }
        }
        List<PodSeries> series = new ArrayList<>();
        byPod.forEach((ref, points) -> series.add(new PodSeries(ref.namespace(), ref.name(), points)));
        return series;
    }

}
