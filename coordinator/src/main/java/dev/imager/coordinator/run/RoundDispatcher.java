package dev.imager.coordinator.run;

import dev.imager.coordinator.config.CoordinatorConfig;
import dev.imager.coordinator.config.LoadModel;
import dev.imager.coordinator.ledger.DropReason;
import dev.imager.coordinator.ledger.ResultLedger;
import dev.imager.coordinator.load.LoadCalculator;
import dev.imager.coordinator.metrics.CoordinatorMetrics;
import dev.imager.coordinator.registry.WorkerRegistry;
import dev.imager.coordinator.schedule.JobIds;
import dev.imager.coordinator.schedule.RateIntegrator;
import dev.imager.coordinator.schedule.RoundPlanner;
import dev.imager.coordinator.source.RequestSource;
import dev.imager.coordinator.target.TargetResolutionException;
import dev.imager.coordinator.target.TargetResolver;
import dev.imager.protocol.EpochClock;
import dev.imager.protocol.message.Heartbeat;
import dev.imager.protocol.transport.Transport;
import dev.imager.protocol.transport.TransportException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each round: asks the load calculator for its rate, turns it into a whole number of requests, and either
 * splits them into jobs on the bus or, when no job can go (broker down, no live worker, no target), records the round
 * as not sent with its {@link DropReason}. Control thread only: the publisher's reports come back through the
 * control thread's executor.
 */
final class RoundDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RoundDispatcher.class);
    /** Workers that acknowledged a job within this long (or 3 rounds, if longer) share the next round. */
    private static final Duration SPLIT_WINDOW = Duration.ofSeconds(10);

    private final CoordinatorConfig config;
    private final Transport transport;
    private final TargetResolver resolver;
    private final LoadCalculator calculator;
    private final CoordinatorMetrics metrics;
    private final RunStatusTracker status;
    private final WorkerRegistry registry;
    private final ResultLedger ledger;
    private final EpochClock epochClock;
    private final Executor controlThread;
    private final Consumer<String> failed;
    private final RateIntegrator integrator;
    private final RoundPlanner planner;
    private final RoundPublisher publisher;
    private final long warmupRounds;
    private final long spanNanos;
    private final long intervalNanos;
    private final long splitWindowNanos;

    /**
     * @param failed called on the control thread with the reason when the request source fails: the run ends
     */
    RoundDispatcher(CoordinatorConfig config, String runId, Transport transport, TargetResolver resolver,
            RequestSource source, LoadCalculator calculator, CoordinatorMetrics metrics, RunStatusTracker status,
            WorkerRegistry registry, ResultLedger ledger, EpochClock epochClock, Executor controlThread,
            long warmupRounds, Consumer<String> failed) {
        this.config = config;
        this.transport = transport;
        this.resolver = resolver;
        this.calculator = calculator;
        this.metrics = metrics;
        this.status = status;
        this.registry = registry;
        this.ledger = ledger;
        this.epochClock = epochClock;
        this.controlThread = controlThread;
        this.failed = failed;
        this.warmupRounds = warmupRounds;
        this.intervalNanos = config.load().scheduleInterval().toNanos();
        this.spanNanos = config.load().jobDuration().toNanos();
        this.splitWindowNanos = Math.max(SPLIT_WINDOW.toNanos(), 3 * intervalNanos);
        this.integrator = new RateIntegrator(intervalNanos);
        long seed = config.run().seed().orElse(System.nanoTime()) ^ 0x5DEECE66DL;
        this.planner = new RoundPlanner(JobIds.random(runId), spanNanos, config.load().maxJobSize(),
                config.requests().timeout().toMillis(), config.load().arrival(), seed, config.requests().httpVersion(),
                config.requests().redirectsPerRequest());
        this.publisher = new RoundPublisher(planner, source, transport, config.subjects(),
                config.subjects().results(config.run().coordinatorId()), publishListener());
    }

    /** Sends round {@code round}, which starts at {@code startEpoch} (epoch nanoseconds). */
    void send(long round, long startEpoch) {
        boolean warmup = round < warmupRounds;
        // Warm-up rounds run at -min-rps (at least 1 rps); the calculator's rounds start after them.
        double rate = warmup ? Math.max(1, config.load().minRps()) : calculator.nextRate(round - warmupRounds);
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalStateException("load calculator " + config.load().calculator() + " returned rate " + rate
                    + " for round " + round);
        }
        if (config.load().model().closed()) {
            sendUsers(round, startEpoch, rate, warmup);
            return;
        }
        long requests = integrator.next(rate);
        metrics.roundPlanned(rate, requests);
        status.planned(round, rate, warmup ? "warmup" : calculator.phase(), warmup ? "" : calculator.position());
        int live = registry.liveCount();
        if (requests == 0) {
            ledger.roundPlanned(round, rate, startEpoch, warmup);
            return;
        }
        if (!transport.isConnected()) {
            // Jobs published now would wait in the client's buffer and reach workers late, if at all.
            notSent(round, rate, startEpoch, requests, DropReason.BROKER_UNAVAILABLE, "", warmup);
            return;
        }
        if (live == 0) {
            notSent(round, rate, startEpoch, requests, DropReason.NO_LIVE_WORKER, "", warmup);
            return;
        }
        List<String> targets;
        try {
            targets = resolver.resolve();
        } catch (TargetResolutionException e) {
            notSent(round, rate, startEpoch, requests, DropReason.NO_TARGET, ": " + e.getMessage(), warmup);
            return;
        }
        ledger.roundPlanned(round, rate, startEpoch, warmup);
        // Split for the workers that take jobs: one that only beats (a phantom) must not shrink every job.
        int jobs = planner.jobCount(requests, registry.splitCount(System.nanoTime(), splitWindowNanos));
        // Every job ends by the end of its span plus the request timeout.
        long deadlineNanos = System.nanoTime() + (startEpoch - epochClock.nowNanos()) + spanNanos
                + config.requests().timeout().toNanos();
        for (int j = 0; j < jobs; j++) {
            ledger.jobPlanned(round, planner.jobId(round, j), RoundPlanner.jobSize(requests, jobs, j), deadlineNanos);
        }
        publisher.publish(round, startEpoch, requests, jobs, targets);
    }

    /**
     * A closed-model round: the calculator's rate is the round's user count. The users run for one interval, so
     * consecutive rounds follow each other; how many requests they send is the outcome, counted when their jobs close.
     */
    private void sendUsers(long round, long startEpoch, double rate, boolean warmup) {
        long users = Math.min(LoadModel.MAX_USERS, Math.round(rate));
        metrics.roundPlannedUsers(users);
        status.planned(round, users, warmup ? "warmup" : calculator.phase(), warmup ? "" : calculator.position());
        if (users == 0) {
            ledger.roundPlanned(round, users, startEpoch, warmup);
            return;
        }
        int capable = registry.liveCount(Heartbeat.CLOSED_MODEL);
        if (!transport.isConnected()) {
            notSent(round, users, startEpoch, 0, DropReason.BROKER_UNAVAILABLE, "", warmup);
            return;
        }
        if (capable == 0) {
            notSent(round, users, startEpoch, 0, DropReason.NO_LIVE_WORKER, " that runs the closed model", warmup);
            return;
        }
        List<String> targets;
        try {
            targets = resolver.resolve();
        } catch (TargetResolutionException e) {
            notSent(round, users, startEpoch, 0, DropReason.NO_TARGET, ": " + e.getMessage(), warmup);
            return;
        }
        ledger.roundPlanned(round, users, startEpoch, warmup);
        int jobs = RoundPlanner.usersJobCount(users, capable);
        long deadlineNanos = System.nanoTime() + (startEpoch - epochClock.nowNanos()) + intervalNanos
                + config.requests().timeout().toNanos();
        for (int j = 0; j < jobs; j++) {
            ledger.usersJobPlanned(round, planner.jobId(round, j), deadlineNanos);
        }
        publisher.publishUsers(round, startEpoch, intervalNanos / 1_000, users, jobs,
                config.load().model().thinkTime().toNanos() / 1_000, targets);
    }

    /** What the publisher reports, handled on the control thread. */
    private RoundPublisher.Listener publishListener() {
        return new RoundPublisher.Listener() {
            @Override
            public void sent(String jobId, int requests, long sentNanos) {
                controlThread.execute(() -> {
                    ledger.jobSent(jobId, sentNanos);
                    metrics.jobDispatched(requests);
                });
            }

            @Override
            public void notSent(String jobId, TransportException cause) {
                controlThread.execute(() -> {
                    LOG.error("cannot publish job {}: {}", jobId, cause.getMessage());
                    ledger.jobNotPublished(jobId);
                });
            }

            @Override
            public void failed(long round, RuntimeException cause) {
                controlThread.execute(() -> {
                    LOG.error("run failed: cannot plan round {}", round, cause);
                    failed.accept("failed: request source: " + cause.getMessage());
                });
            }
        };
    }

    private void notSent(long round, double rate, long startEpoch, long requests, DropReason reason, String detail,
            boolean warmup) {
        String why = reason.label() + detail;
        LOG.warn("round {} not sent ({} requests): {}", round, requests, why);
        if (!warmup) {
            calculator.roundNotSent(round - warmupRounds);
        }
        ledger.roundNotSent(round, rate, startEpoch, requests, reason, why, warmup);
        metrics.roundNotSent(why);
    }

    @Override
    public void close() {
        publisher.close();
    }
}
