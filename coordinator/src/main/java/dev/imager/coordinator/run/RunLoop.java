package dev.imager.coordinator.run;

import dev.imager.coordinator.config.CoordinatorConfig;
import dev.imager.coordinator.ledger.LedgerTimeouts;
import dev.imager.coordinator.ledger.ResultLedger;
import dev.imager.coordinator.load.LoadCalculator;
import dev.imager.coordinator.metrics.CoordinatorMetrics;
import dev.imager.coordinator.registry.LivenessThresholds;
import dev.imager.coordinator.registry.WorkerEvent;
import dev.imager.coordinator.registry.WorkerRegistry;
import dev.imager.coordinator.schedule.JobIds;
import dev.imager.coordinator.schedule.RateIntegrator;
import dev.imager.coordinator.schedule.RoundPlanner;
import dev.imager.coordinator.source.RequestSource;
import dev.imager.coordinator.status.RunStatus;
import dev.imager.coordinator.target.TargetResolutionException;
import dev.imager.coordinator.target.TargetResolver;
import dev.imager.protocol.DaemonThreadFactory;
import dev.imager.protocol.EpochClock;
import dev.imager.protocol.Subjects;
import dev.imager.protocol.codec.MessageCodec;
import dev.imager.protocol.message.Control;
import dev.imager.protocol.message.ControlAction;
import dev.imager.protocol.transport.Transport;
import dev.imager.protocol.transport.TransportException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run, on one control thread that owns all its state: waits for workers, plans a round every interval
 * (a little ahead of its start, on the monotonic clock, never blocking on a worker), accounts for every
 * result, has {@link RoundFeedback} tell the load calculator and the rest about each round, and ends the run.
 */
final class RunLoop {

    private static final Logger LOG = LoggerFactory.getLogger(RunLoop.class);
    private static final long HOUSEKEEPING_MILLIS = 100;
    private static final LedgerTimeouts LEDGER_TIMEOUTS = LedgerTimeouts.DEFAULT;
    /** Housekeeping this late means the control thread is stuck: the liveness check fails. */
    private static final Duration STUCK_AFTER = Duration.ofSeconds(5);
    /** Workers that acknowledged a job within this long (or 3 rounds, if longer) share the next round. */
    private static final Duration SPLIT_WINDOW = Duration.ofSeconds(10);

    private final CoordinatorConfig config;
    private final String runId;
    private final Transport transport;
    private final Subjects subjects;
    private final TargetResolver resolver;
    private final RequestSource source;
    private final LoadCalculator calculator;
    private final CoordinatorMetrics metrics;
    private final RunListener listener;
    private final RunControl control;
    private final EpochClock epochClock;
    private final MessageCodec codec = new MessageCodec();
    private final ScheduledExecutorService executor;
    private final RoundPublisher publisher;
    private final WorkerRegistry registry = new WorkerRegistry(LivenessThresholds.DEFAULT);
    private final ResultLedger ledger;
    private final RateIntegrator integrator;
    private final RoundPlanner planner;
    private final long intervalNanos;
    /** -job-duration: a round's requests are spread over this span from its start (rounds may overlap). */
    private final long spanNanos;
    private final long planAheadNanos;
    private final long warmupRounds;
    private final CompletableFuture<FinishedRun> finished = new CompletableFuture<>();
    private final RunStatusTracker status;
    private final RoundFeedback feedback;
    private final Refusals refusals;
    private final RunInbox inbox;
    private final long splitWindowNanos;

    private final long waitStartNanos = System.nanoTime();
    private volatile long lastHousekeepingNanos = System.nanoTime();
    private long runStartNanos;
    private long runStartEpochNanos;
    private Instant startedAt = Instant.now();
    private boolean planning = true;
    private boolean stopBroadcast;
    private long drainDeadlineNanos = Long.MAX_VALUE;
    private String endReason;
    private boolean infrastructureFailure;

    RunLoop(CoordinatorConfig config, String runId, Transport transport, TargetResolver resolver, RequestSource source,
            LoadCalculator calculator, CoordinatorMetrics metrics, RunListener listener, RunControl control,
            EpochClock epochClock, Refusals refusals) {
        this.config = config;
        this.runId = runId;
        this.transport = transport;
        this.subjects = config.subjects();
        this.resolver = resolver;
        this.source = source;
        this.calculator = calculator;
        this.metrics = metrics;
        this.listener = listener;
        this.control = control;
        this.epochClock = epochClock;
        this.intervalNanos = config.load().scheduleInterval().toNanos();
        this.spanNanos = config.load().jobDuration().toNanos();
        this.planAheadNanos = config.load().planAhead().toNanos();
        this.warmupRounds = (config.load().warmup().toNanos() + intervalNanos - 1) / intervalNanos;
        this.splitWindowNanos = Math.max(SPLIT_WINDOW.toNanos(), 3 * intervalNanos);
        this.ledger = new ResultLedger(runId, LEDGER_TIMEOUTS);
        this.refusals = refusals;
        this.integrator = new RateIntegrator(intervalNanos);
        long seed = config.run().seed().orElse(System.nanoTime()) ^ 0x5DEECE66DL;
        this.planner = new RoundPlanner(JobIds.random(runId), spanNanos, config.load().maxJobSize(),
                config.requests().timeout().toMillis(), config.load().arrival(), seed, config.requests().httpVersion(),
                config.requests().redirectsPerRequest());
        this.executor = Executors.newSingleThreadScheduledExecutor(new DaemonThreadFactory("imager-coordinator"));
        this.publisher = new RoundPublisher(planner, source, transport, subjects,
                subjects.results(config.run().coordinatorId()), publishListener());
        this.status = new RunStatusTracker(runId, config.run().coordinatorId(), config.load().scheduleInterval());
        this.feedback = new RoundFeedback(ledger, calculator, metrics, status, listener, epochClock, intervalNanos,
                spanNanos, warmupRounds);
        this.inbox = new RunInbox(registry, ledger, feedback, metrics, status, listener, refusals);
    }

    /** Runs to the end and says how it went. Blocks the calling thread. */
    FinishedRun run() {
        try (BusInbox bus = new BusInbox(transport, subjects, config.run().coordinatorId(), executor, inbox, refusals)) {
            control.onRequest(() -> executor.execute(this::onStopRequest));
            executor.scheduleAtFixedRate(this::safely, HOUSEKEEPING_MILLIS, HOUSEKEEPING_MILLIS, TimeUnit.MILLISECONDS);
            executor.scheduleAtFixedRate(() -> listener.onTick(status.current()), 1, 1, TimeUnit.SECONDS);
            executor.execute(this::awaitWorkers);
            return finished.join();
        } finally {
            executor.shutdownNow();
            publisher.close();
        }
    }

    /** The run as it stands, for the status endpoint (any thread). */
    RunStatus status() {
        return status.current();
    }

    /**
     * True while the control thread does its housekeeping (every {@value #HOUSEKEEPING_MILLIS} ms): what the
     * liveness check reports, with the bus connection. Any thread.
     */
    boolean isResponsive() {
        return System.nanoTime() - lastHousekeepingNanos < STUCK_AFTER.toNanos();
    }

    // ---- waiting for workers -------------------------------------------------------------------------

    private void awaitWorkers() {
        if (control.stopRequested()) {
            finish(control.stopReason() + " while waiting for workers", false);
            return;
        }
        int live = registry.liveCount();
        if (live >= config.run().minWorkers()) {
            LOG.info("{} live worker(s); starting run {}", live, runId);
            start();
            return;
        }
        if (System.nanoTime() - waitStartNanos > config.run().workerWaitTimeout().toNanos()) {
            finish("no workers: waited " + config.run().workerWaitTimeout().toSeconds() + "s for "
                    + config.run().minWorkers() + " live worker(s), saw " + live
                    + " (are workers running and connected to " + transport.describe() + " with subject prefix '"
                    + subjects.prefix() + "'?)", true);
            return;
        }
        executor.schedule(this::awaitWorkers, HOUSEKEEPING_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void start() {
        publishControl(ControlAction.START, "run starts");
        runStartNanos = System.nanoTime() + planAheadNanos;
        runStartEpochNanos = epochClock.nowNanos() + planAheadNanos;
        startedAt = Instant.ofEpochSecond(0, runStartEpochNanos);
        status.started(runStartNanos);
        planRound(0);
    }

    // ---- planning ------------------------------------------------------------------------------------

    private void planRound(long round) {
        try {
            housekeeping();
            if (!planning) {
                return;
            }
            if (control.stopRequested()) {
                beginDrain(control.stopReason());
                return;
            }
            long measured = round - warmupRounds;
            if (config.run().duration().isPresent()
                    && measured * intervalNanos >= config.run().duration().get().toNanos()) {
                beginDrain("duration reached");
                return;
            }
            if (!warmup(round) && calculator.finished()) {
                beginDrain("load shape ended");
                return;
            }
            publishRound(round);
            long next = runStartNanos + (round + 1) * intervalNanos - planAheadNanos;
            executor.schedule(() -> planRound(round + 1), Math.max(0, next - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            LOG.error("run failed while planning round {}", round, e);
            planning = false;
            finish("failed: " + e.getMessage(), true);
        }
    }

    private boolean warmup(long round) {
        return round < warmupRounds;
    }

    private void publishRound(long round) {
        boolean warmup = warmup(round);
        // Warm-up rounds run at -min-rps (at least 1 rps); the calculator's rounds start after them.
        double rate = warmup ? Math.max(1, config.load().minRps()) : calculator.nextRate(round - warmupRounds);
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalStateException("load calculator " + config.load().calculator() + " returned rate " + rate
                    + " for round " + round);
        }
        long requests = integrator.next(rate);
        long startEpoch = runStartEpochNanos + round * intervalNanos;
        metrics.roundPlanned(rate, requests);
        status.planned(round, rate, warmup ? "warmup" : calculator.phase(), warmup ? "" : calculator.position());
        int live = registry.liveCount();
        if (requests == 0) {
            ledger.roundPlanned(round, rate, startEpoch, warmup);
            return;
        }
        if (live == 0) {
            notSent(round, rate, startEpoch, requests, "no live worker", warmup);
            return;
        }
        List<String> targets;
        try {
            targets = resolver.resolve();
        } catch (TargetResolutionException e) {
            notSent(round, rate, startEpoch, requests, "no target: " + e.getMessage(), warmup);
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

    /** What the publisher reports, handled on the control thread. */
    private RoundPublisher.Listener publishListener() {
        return new RoundPublisher.Listener() {
            @Override
            public void sent(String jobId, int requests, long sentNanos) {
                executor.execute(() -> {
                    ledger.jobSent(jobId, sentNanos);
                    metrics.jobDispatched(requests);
                });
            }

            @Override
            public void notSent(String jobId, TransportException cause) {
                executor.execute(() -> {
                    LOG.error("cannot publish job {}: {}", jobId, cause.getMessage());
                    ledger.jobNotPublished(jobId);
                });
            }

            @Override
            public void failed(long round, RuntimeException cause) {
                executor.execute(() -> {
                    LOG.error("run failed: cannot plan round {}", round, cause);
                    planning = false;
                    finish("failed: request source: " + cause.getMessage(), true);
                });
            }
        };
    }

    private void notSent(long round, double rate, long startEpoch, long requests, String reason, boolean warmup) {
        LOG.warn("round {} not sent ({} requests): {}", round, requests, reason);
        if (!warmup) {
            calculator.roundNotSent(round - warmupRounds);
        }
        ledger.roundNotSent(round, rate, startEpoch, requests, reason, warmup);
        metrics.roundNotSent(reason);
    }

    // ---- housekeeping ----------------------------------------------------------------------------------

    private void safely() {
        try {
            housekeeping();
        } catch (RuntimeException e) {
            LOG.error("run failed", e);
            finish("failed: " + e.getMessage(), true);
        }
    }

    private void housekeeping() {
        lastHousekeepingNanos = System.nanoTime();
        for (WorkerEvent event : registry.sweep(System.nanoTime())) {
            inbox.workerEvent(event);
        }
        feedback.running();
        feedback.completed(ledger.sweep(System.nanoTime()));
        if (!planning && !finished.isDone() && (ledger.idle() || System.nanoTime() > drainDeadlineNanos)) {
            if (!ledger.idle()) {
                LOG.error("stopped waiting for {} open round(s); their unreported requests are missing from the totals",
                        ledger.openRounds());
            }
            finish(endReason, infrastructureFailure);
        }
    }

    // ---- ending --------------------------------------------------------------------------------------

    private void onStopRequest() {
        if (control.abortRequested() && !stopBroadcast && runStartNanos != 0) {
            stopBroadcast = true;
            publishControl(ControlAction.STOP, control.stopReason());
            drainDeadlineNanos = Math.min(drainDeadlineNanos, System.nanoTime() + Duration.ofSeconds(5).toNanos());
        }
    }

    private void beginDrain(String reason) {
        planning = false;
        endReason = reason;
        status.draining();
        publishControl(control.abortRequested() ? ControlAction.STOP : ControlAction.DRAIN, reason);
        // Every open job closes by its deadline + grace or its ack lease; this cap only guards against bugs.
        long cap = config.requests().timeout().toNanos() + Math.max(intervalNanos, spanNanos)
                + LEDGER_TIMEOUTS.resultGrace().toNanos() + LEDGER_TIMEOUTS.ackLease().toNanos()
                + Duration.ofSeconds(5).toNanos();
        drainDeadlineNanos = System.nanoTime() + cap;
        LOG.info("run {} ending ({}): waiting for {} open round(s)", runId, reason, ledger.openRounds());
    }

    private void finish(String reason, boolean infrastructure) {
        if (finished.isDone()) {
            return;
        }
        planning = false;
        status.finished();
        inbox.logRefusedByWorkers();
        finished.complete(new FinishedRun(runId, config.run().coordinatorId(), startedAt, Instant.now(), reason,
                infrastructure, ledger.totals(), calculator.probes(), calculator.capacity(),
                calculator.capacityNote(), inbox.peakWorkers(), intervalNanos / 1e9, warmupRounds));
    }

    private void publishControl(ControlAction action, String reason) {
        try {
            transport.publish(subjects.control(), codec.encode(new Control(runId, config.run().coordinatorId(), action,
                    reason == null ? "" : reason)));
        } catch (TransportException e) {
            LOG.warn("cannot broadcast {}: {}", action, e.getMessage());
        }
    }
}
