package dev.imager.worker.metrics;

import dev.imager.protocol.message.Outcome;
import dev.imager.protocol.message.RejectReason;
import dev.imager.protocol.process.MicrometerBusMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Worker metrics on Micrometer. Keeps every executor metric of the original imager with its name, unit
 * (milliseconds) and buckets:
 * {@code imager_duration}, {@code imager_successDuration}, {@code imager_firstByteDuration},
 * {@code imager_responseSize}, {@code imager_success}, {@code imager_failed},
 * {@code imager_executor_jobs_picked_up_total}, {@code imager_executor_job_requests_total}; and adds
 * {@code imager_worker_*} metrics: requests by outcome (dropped included), rejected jobs by reason, job start
 * lateness, in-flight requests, active jobs and open connections. Every tag has a small fixed value set.
 *
 * <p>{@code imager_success} and {@code imager_failed} were counters exposed without the {@code _total}
 * suffix; the Prometheus client always adds it to counters, so they are published as gauges that read the
 * outcome counters: the same names and values, so {@code rate(imager_success[1m])} keeps working.
 *
 * <p>Every gauge holds its state strongly: Micrometer keeps only a weak reference by default, and a gauge whose
 * state nothing else holds (the method references of {@link #bindGauges}) would read NaN after the next GC.
 */
public final class MicrometerWorkerMetrics implements WorkerMetrics {

    private final PrometheusMeterRegistry registry;
    private final DistributionSummary duration;
    private final DistributionSummary successDuration;
    private final DistributionSummary firstByteDuration;
    private final DistributionSummary responseSize;
    private final Counter jobsPickedUp;
    private final Counter jobRequests;
    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Counter resultsResent;
    private final Counter resultsGivenUp;
    private final DistributionSummary startLateness;
    private final Map<ControlRefusal, Counter> controlsRefused = new EnumMap<>(ControlRefusal.class);
    /** The bus counters; held here because Micrometer holds only a weak reference to what they read. */
    private MicrometerBusMetrics bus;

    /** Metrics on {@code registry}, which the caller may share with other meters (JVM, process). */
    public MicrometerWorkerMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        double[] ms = LegacyBuckets.durationMillis();
        duration = DistributionSummary.builder("imager.duration")
                .description("Every request, from its write to its end, in milliseconds")
                .serviceLevelObjectives(ms).register(registry);
        successDuration = DistributionSummary.builder("imager.successDuration")
                .description("Successful requests, from write to end of body, in milliseconds")
                .serviceLevelObjectives(ms).register(registry);
        firstByteDuration = DistributionSummary.builder("imager.firstByteDuration")
                .description("Successful requests, from write to response headers, in milliseconds")
                .serviceLevelObjectives(ms).register(registry);
        responseSize = DistributionSummary.builder("imager.responseSize")
                .description("Response body size of successful requests, in bytes")
                .serviceLevelObjectives(LegacyBuckets.sizeBytes()).register(registry);
        jobsPickedUp = Counter.builder("imager.executor.jobs.picked.up")
                .description("Jobs started by this worker").register(registry);
        jobRequests = Counter.builder("imager.executor.job.requests")
                .description("Planned requests of the jobs started").register(registry);
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, Counter.builder("imager.worker.requests")
                    .description("Requests by outcome; dropped requests were never sent")
                    .tag("outcome", outcome.label()).register(registry));
        }
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, Counter.builder("imager.worker.jobs.rejected")
                    .description("Jobs refused, by reason").tag("reason", reason.name().toLowerCase())
                    .register(registry));
        }
        for (ControlRefusal reason : ControlRefusal.values()) {
            controlsRefused.put(reason, Counter.builder("imager.worker.control.messages.ignored")
                    .description("Control messages not acted on, by reason").tag("reason", reason.label())
                    .register(registry));
        }
        resultsResent = Counter.builder("imager.worker.results.resent")
                .description("Result messages sent again because the coordinator had not confirmed them").register(registry);
        resultsGivenUp = Counter.builder("imager.worker.results.given.up")
                .description("Unconfirmed result messages given up (over the bound or too old): the coordinator counts "
                        + "what they held as lost").register(registry);
        startLateness = DistributionSummary.builder("imager.worker.job.start.lateness.seconds")
                .description("How late jobs arrived relative to their planned start")
                .serviceLevelObjectives(0.001, 0.01, 0.1, 1, 10).register(registry);
        Gauge.builder("imager_success", this, m -> m.outcomes.get(Outcome.OK).count())
                .description("Successful requests (original imager name; a running total)")
                .strongReference(true).register(registry);
        Gauge.builder("imager_failed", this, MicrometerWorkerMetrics::failedTotal)
                .description("Failed requests (original imager name; a running total, dropped not included)")
                .strongReference(true).register(registry);
    }

    /**
     * Metrics on a Prometheus registry of their own: for workers hosted in a process whose other code keeps its
     * metrics elsewhere (local mode), which then serves {@link #scrape()} beside its own.
     */
    public static MicrometerWorkerMetrics withOwnRegistry() {
        return new MicrometerWorkerMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** Everything in the registry in the Prometheus text format, as {@code /metrics} serves it. */
    public String scrape() {
        return registry.scrape();
    }

    private double failedTotal() {
        double sum = 0;
        for (Outcome o : Outcome.values()) {
            if (o.isFailure()) {
                sum += outcomes.get(o).count();
            }
        }
        return sum;
    }

    @Override
    public void jobPickedUp(int requests) {
        jobsPickedUp.increment();
        jobRequests.increment(requests);
    }

    @Override
    public void jobRejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    @Override
    public void requestFinished(Outcome outcome, long serviceNanos, long firstByteNanos, long bodyBytes) {
        outcomes.get(outcome).increment();
        if (outcome == Outcome.DROPPED) {
            return;
        }
        double millis = Math.floor(serviceNanos / 1_000_000.0);
        duration.record(millis);
        if (outcome == Outcome.OK) {
            successDuration.record(millis);
            firstByteDuration.record(Math.floor(firstByteNanos / 1_000_000.0));
            responseSize.record(bodyBytes);
        }
    }

    @Override
    public void jobStartLateness(long nanos) {
        startLateness.record(nanos / 1e9);
    }

    @Override
    public void controlRefused(ControlRefusal reason) {
        controlsRefused.get(reason).increment();
    }

    @Override
    public void bindBus(LongSupplier droppedMessages, LongSupplier slowConsumerEvents) {
        bus = MicrometerBusMetrics.bindTo(registry, "imager.worker", droppedMessages, slowConsumerEvents);
    }

    @Override
    public void resultsResent(int count) {
        resultsResent.increment(count);
    }

    @Override
    public void resultsGivenUp(long count) {
        resultsGivenUp.increment(count);
    }

    @Override
    public void bindUnconfirmed(IntSupplier messages, LongSupplier bytes) {
        Gauge.builder("imager.worker.results.unconfirmed", messages, IntSupplier::getAsInt)
                .description("Result messages sent and not confirmed by the coordinator yet, kept for resending")
                .strongReference(true).register(registry);
        Gauge.builder("imager.worker.results.unconfirmed.bytes", bytes, LongSupplier::getAsLong)
                .description("Bytes of the unconfirmed result messages (at most 16 MiB are kept)")
                .strongReference(true).register(registry);
    }

    @Override
    public void bindGauges(IntSupplier inFlight, IntSupplier activeJobs, IntSupplier openConnections) {
        Gauge.builder("imager.worker.inflight", inFlight, IntSupplier::getAsInt)
                .description("Requests sent and not yet complete").strongReference(true).register(registry);
        Gauge.builder("imager.worker.active.jobs", activeJobs, IntSupplier::getAsInt)
                .description("Jobs running").strongReference(true).register(registry);
        Gauge.builder("imager.worker.connections.open", openConnections, IntSupplier::getAsInt)
                .description("Open connections to targets").strongReference(true).register(registry);
    }
}
