package dev.imager.coordinator.metrics;

import dev.imager.coordinator.inbox.MessageRefusal;
import dev.imager.coordinator.ledger.CompletedRound;
import dev.imager.coordinator.registry.WorkerLiveness;
import dev.imager.coordinator.target.PodUsage;
import dev.imager.protocol.message.Outcome;
import dev.imager.protocol.message.RejectReason;
import dev.imager.protocol.message.RequestStats;
import dev.imager.protocol.process.MicrometerBusMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Coordinator metrics on Micrometer. Keeps the original orchestrator's names
 * ({@code imager_orchestrator_registered_executors}, {@code imager_orchestrator_jobs_dispatched_total},
 * {@code imager_orchestrator_job_requests_total}, and the target pod gauges of {@link MicrometerPodGauges}) and adds
 * cluster-level {@code imager_coordinator_*} metrics: planned and achieved rate, merged latency, service time and
 * send lag percentiles of the last completed round, requests by outcome (lost included), workers by liveness (tag
 * {@code status}), rounds not sent, adaptive phase and the capacity found. Every tag has a small fixed value set.
 *
 * <p>Every gauge holds its state strongly (Micrometer's default is a weak reference, which reads NaN once the
 * state is collected), so the gauges stay true whoever else holds this object.
 */
public final class MicrometerCoordinatorMetrics implements CoordinatorMetrics {

    /** Phases a load calculator reports; unknown phases are shown as "other". */
    static final List<String> PHASES = List.of("profile", "ramp", "recovery", "search", "steady", "other");

    private final PrometheusMeterRegistry registry;
    private final MicrometerPodGauges pods;
    private final AtomicLong liveWorkers = new AtomicLong();
    private final Map<WorkerLiveness, AtomicLong> workersByLiveness = new EnumMap<>(WorkerLiveness.class);
    private final Counter jobsDispatched;
    private final Counter jobRequests;
    private final Map<String, Counter> requests = new LinkedHashMap<>();
    private final Counter roundsCompleted;
    private final Counter roundsNotSent;
    private final DistributionSummary completionDelay;
    private final GaugeValue plannedRate = new GaugeValue();
    private final GaugeValue achievedRate = new GaugeValue();
    private final GaugeValue capacity = new GaugeValue();
    /** The closed model's gauges, registered with its first round (an open-model run has none). */
    private final GaugeValue plannedUsers = new GaugeValue();
    private final GaugeValue capacityUsers = new GaugeValue();
    private volatile boolean closedModel;
    private final Map<String, GaugeValue> latency = new LinkedHashMap<>();
    private final Map<String, GaugeValue> serviceTime = new LinkedHashMap<>();
    private final Map<String, GaugeValue> sendLag = new LinkedHashMap<>();
    private final Map<String, GaugeValue> phase = new LinkedHashMap<>();
    private final Map<MessageRefusal, Counter> refused = new EnumMap<>(MessageRefusal.class);
    private final Map<RejectReason, Counter> refusedJobs = new EnumMap<>(RejectReason.class);
    /** The bus counters; held here because Micrometer holds only a weak reference to what they read. */
    private MicrometerBusMetrics bus;

    /** Metrics on {@code registry}, which the caller may share with meters of its own. */
    public MicrometerCoordinatorMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.pods = new MicrometerPodGauges(registry);
        Gauge.builder("imager.orchestrator.registered.executors", liveWorkers, AtomicLong::get)
                .description("Live workers (original imager name)").strongReference(true).register(registry);
        jobsDispatched = Counter.builder("imager.orchestrator.jobs.dispatched")
                .description("Jobs published").register(registry);
        jobRequests = Counter.builder("imager.orchestrator.job.requests")
                .description("Requests in the jobs published").register(registry);
        for (WorkerLiveness s : WorkerLiveness.values()) {
            AtomicLong v = new AtomicLong();
            workersByLiveness.put(s, v);
            Gauge.builder("imager.coordinator.workers", v, AtomicLong::get).tag("status", s.label())
                    .description("Workers by status").strongReference(true).register(registry);
        }
        for (Outcome o : Outcome.values()) {
            requests.put(o.label(), requestCounter(registry, o.label()));
        }
        requests.put("lost", requestCounter(registry, "lost"));
        roundsCompleted = Counter.builder("imager.coordinator.rounds").tag("result", "completed")
                .description("Rounds by result").register(registry);
        roundsNotSent = Counter.builder("imager.coordinator.rounds").tag("result", "not_sent")
                .description("Rounds by result").register(registry);
        completionDelay = DistributionSummary.builder("imager.coordinator.round.completion.delay.seconds")
                .description("From a round's planned end to its observation: request tail plus result delivery")
                .serviceLevelObjectives(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10).register(registry);
        Gauge.builder("imager.coordinator.planned.rate", plannedRate, GaugeValue::get)
                .description("Rate of the round planned last, requests per second")
                .strongReference(true).register(registry);
        Gauge.builder("imager.coordinator.achieved.rate", achievedRate, GaugeValue::get)
                .description("Requests sent per second in the round completed last")
                .strongReference(true).register(registry);
        Gauge.builder("imager.coordinator.capacity.rate", capacity, GaugeValue::get)
                .description("Highest sustainable rate found by the adaptive search (NaN before one is found)")
                .strongReference(true).register(registry);
        for (String q : new String[] {"0.5", "0.9", "0.99", "1"}) {
            GaugeValue l = new GaugeValue();
            latency.put(q, l);
            Gauge.builder("imager.coordinator.latency.seconds", l, GaugeValue::get).tag("quantile", q)
                    .description("Corrected latency (planned instant to response) of the last completed round")
                    .strongReference(true).register(registry);
            GaugeValue s = new GaugeValue();
            serviceTime.put(q, s);
            Gauge.builder("imager.coordinator.service.time.seconds", s, GaugeValue::get).tag("quantile", q)
                    .description("Service time (write to response) of the last completed round")
                    .strongReference(true).register(registry);
            GaugeValue lag = new GaugeValue();
            sendLag.put(q, lag);
            Gauge.builder("imager.coordinator.send.lag.seconds", lag, GaugeValue::get).tag("quantile", q)
                    .description("Send lag (planned instant to write) of the last completed round: the generator's "
                            + "delay").strongReference(true).register(registry);
        }
        for (String p : PHASES) {
            GaugeValue g = new GaugeValue();
            phase.put(p, g);
            Gauge.builder("imager.coordinator.phase", g, GaugeValue::get).tag("phase", p)
                    .description("1 for the load calculator's current phase").strongReference(true).register(registry);
        }
        for (MessageRefusal reason : MessageRefusal.values()) {
            refused.put(reason, Counter.builder("imager.coordinator.rejected.messages").tag("reason", reason.label())
                    .description("Bus messages refused (forged, misrouted, duplicate, undecodable...), by reason")
                    .register(registry));
        }
        for (RejectReason reason : RejectReason.values()) {
            refusedJobs.put(reason, Counter.builder("imager.coordinator.jobs.refused")
                    .tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT))
                    .description("Jobs workers rejected instead of running, by reason").register(registry));
        }
        capacity.set(Double.NaN);
    }

    /** Metrics on a new Prometheus registry of their own: what a run uses when the embedder gives none. */
    public static MicrometerCoordinatorMetrics withOwnRegistry() {
        return new MicrometerCoordinatorMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    private static Counter requestCounter(MeterRegistry registry, String outcome) {
        return Counter.builder("imager.coordinator.requests").tag("outcome", outcome)
                .description("Planned requests by how they ended").register(registry);
    }

    @Override
    public void workers(Map<WorkerLiveness, Integer> byLiveness) {
        byLiveness.forEach((s, n) -> workersByLiveness.get(s).set(n));
        liveWorkers.set(byLiveness.getOrDefault(WorkerLiveness.LIVE, 0));
    }

    @Override
    public void roundPlanned(double rate, long requestCount) {
        plannedRate.set(rate);
    }

    @Override
    public synchronized void roundPlannedUsers(long users) {
        if (!closedModel) {
            Gauge.builder("imager.coordinator.planned.users", plannedUsers, GaugeValue::get)
                    .description("Users of the round planned last (the closed model)")
                    .strongReference(true).register(registry);
            Gauge.builder("imager.coordinator.capacity.users", capacityUsers, GaugeValue::get)
                    .description("Most users the adaptive search found sustainable (the closed model; NaN before)")
                    .strongReference(true).register(registry);
            capacityUsers.set(Double.NaN);
            capacity.set(Double.NaN);
            closedModel = true;
        }
        plannedUsers.set(users);
        plannedRate.set(Double.NaN); // users are planned, not a rate: their throughput is the achieved rate
    }

    @Override
    public void jobDispatched(int requestCount) {
        jobsDispatched.increment();
        jobRequests.increment(requestCount);
    }

    @Override
    public void roundNotSent(String reason) {
        roundsNotSent.increment();
    }

    @Override
    public void roundCompleted(CompletedRound round, double intervalSeconds, double completionDelaySeconds) {
        roundsCompleted.increment();
        completionDelay.record(Math.max(0, completionDelaySeconds));
        RequestStats s = round.stats();
        for (Outcome o : Outcome.values()) {
            requests.get(o.label()).increment(s.outcomes().get(o));
        }
        requests.get("lost").increment(round.lost());
        achievedRate.set(s.outcomes().sent() / intervalSeconds);
        if (s.latency().count() > 0) {
            set(latency, s.latency());
            set(serviceTime, s.serviceTime());
        }
        if (s.sendLag().count() > 0) {
            set(sendLag, s.sendLag());
        }
    }

    private static void set(Map<String, GaugeValue> gauges, dev.imager.protocol.latency.LatencySnapshot s) {
        gauges.get("0.5").set(s.valueAtPercentileMicros(50) / 1e6);
        gauges.get("0.9").set(s.valueAtPercentileMicros(90) / 1e6);
        gauges.get("0.99").set(s.valueAtPercentileMicros(99) / 1e6);
        gauges.get("1").set(s.maxMicros() / 1e6);
    }

    @Override
    public void phase(String current, OptionalDouble found) {
        String key = PHASES.contains(current) ? current : "other";
        phase.forEach((p, g) -> g.set(p.equals(key) ? 1 : 0));
        (closedModel ? capacityUsers : capacity).set(found.orElse(Double.NaN));
    }

    @Override
    public void targetPods(List<PodUsage> usages) {
        pods.update(usages);
    }

    @Override
    public void messageRefused(MessageRefusal reason) {
        refused.get(reason).increment();
    }

    @Override
    public void jobRefusedByWorker(RejectReason reason) {
        refusedJobs.get(reason).increment();
    }

    @Override
    public void bus(LongSupplier droppedMessages, LongSupplier slowConsumerEvents) {
        bus = MicrometerBusMetrics.bindTo(registry, "imager.coordinator", droppedMessages, slowConsumerEvents);
    }

    @Override
    public String scrape() {
        return registry.scrape();
    }

    /** A double a gauge reads; written by the control thread, read by scrapes. */
    private static final class GaugeValue {
        private volatile double value;

        double get() {
            return value;
        }

        void set(double v) {
            value = v;
        }
    }
}
