package dev.imager.coordinator.run;

import dev.imager.coordinator.config.CoordinatorConfig;
import dev.imager.coordinator.config.LoadModel;
import dev.imager.coordinator.ledger.LedgerTimeouts;
import dev.imager.coordinator.ledger.ResultLedger;
import dev.imager.coordinator.load.LoadCalculator;
import dev.imager.coordinator.metrics.CoordinatorMetrics;
import dev.imager.coordinator.registry.LivenessThresholds;
import dev.imager.coordinator.registry.WorkerEvent;
import dev.imager.coordinator.registry.WorkerRegistry;
import dev.imager.coordinator.source.RequestSource;
import dev.imager.coordinator.status.RunStatus;
import dev.imager.coordinator.target.TargetResolver;
import dev.imager.protocol.EpochClock;
import dev.imager.protocol.Subjects;
import dev.imager.protocol.codec.MessageCodec;
import dev.imager.protocol.message.Control;
import dev.imager.protocol.message.ControlAction;
import dev.imager.protocol.message.Heartbeat;
import dev.imager.protocol.message.ResultsConfirmed;
import dev.imager.protocol.transport.Transport;
import dev.imager.protocol.transport.TransportException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
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
    /** How often listeners get the run so far ({@link RunListener#onSnapshot}): what a crash leaves behind. */
    static final Duration SNAPSHOT_INTERVAL = Duration.ofSeconds(3);
    /** Housekeeping this late means the control thread is stuck: the liveness check fails. */
    private static final Duration STUCK_AFTER = Duration.ofSeconds(5);

    private final CoordinatorConfig config;
    private final String runId;
    private final Transport transport;
    private final Subjects subjects;
    private final LoadCalculator calculator;
    private final CoordinatorMetrics metrics;
    private final RunListener listener;
    private final RunControl control;
    private final EpochClock epochClock;
    private final MessageCodec codec = new MessageCodec();
    private final ScheduledExecutorService executor;
    private final RoundDispatcher dispatcher;
    private final WorkerRegistry registry = new WorkerRegistry(LivenessThresholds.DEFAULT);
    private final ResultLedger ledger;
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

    private final long waitStartNanos = System.nanoTime();
    private volatile long lastHousekeepingNanos = System.nanoTime();
    private final Hearing hearing;
    private final Confirmations confirmations;
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
        this.calculator = calculator;
        this.metrics = metrics;
        this.listener = listener;
        this.control = control;
        this.epochClock = epochClock;
        this.intervalNanos = config.load().scheduleInterval().toNanos();
        this.spanNanos = config.load().jobDuration().toNanos();
        this.planAheadNanos = config.load().planAhead().toNanos();
        this.warmupRounds = (config.load().warmup().toNanos() + intervalNanos - 1) / intervalNanos;
        this.ledger = new ResultLedger(runId, LEDGER_TIMEOUTS);
        this.refusals = refusals;
        this.executor = new ControlThread("imager-coordinator", this::crashed);
        this.status = new RunStatusTracker(runId, config.run().coordinatorId(), config.load().scheduleInterval(),
                config.load().model().rateUnit());
        this.dispatcher = new RoundDispatcher(config, runId, transport, resolver, source, calculator, metrics, status,
                registry, ledger, epochClock, executor, warmupRounds, reason -> {
                    planning = false;
                    finish(reason, true);
                });
        this.feedback = new RoundFeedback(ledger, calculator, metrics, status, listener, epochClock, intervalNanos,
                spanNanos, warmupRounds);
        this.confirmations = new Confirmations(runId, config.run().coordinatorId());
        this.inbox = new RunInbox(registry, ledger, feedback, metrics, status, listener, refusals, confirmations);
        this.hearing = new Hearing(transport, Duration.ofMillis(HOUSEKEEPING_MILLIS), System.nanoTime());
    }

    /**
     * Runs to the end and says how it went. Blocks the calling thread.
     *
     * @param whenListening run once the coordinator's subscriptions are in place, before it waits for workers (local
     *     mode starts its workers there, so their first heartbeat is heard)
     */
    FinishedRun run(Runnable whenListening) {
        try (BusInbox bus = new BusInbox(transport, subjects, config.run().coordinatorId(), executor, inbox, refusals)) {
            whenListening.run();
            if (!config.localMode()) {
                // Workers already running beat at once rather than at their next interval (up to their
                // --heartbeat-interval later). Local workers start only now: their first beat is on its way.
                publishControl(ControlAction.ROLL_CALL, "waiting for " + config.run().minWorkers() + " worker(s)");
            }
            control.onRequest(() -> executor.execute(this::onStopRequest));
            executor.scheduleAtFixedRate(this::safely, HOUSEKEEPING_MILLIS, HOUSEKEEPING_MILLIS, TimeUnit.MILLISECONDS);
            executor.scheduleAtFixedRate(() -> listener.onTick(status.current()), 1, 1, TimeUnit.SECONDS);
            executor.scheduleAtFixedRate(this::snapshot, SNAPSHOT_INTERVAL.toMillis(), SNAPSHOT_INTERVAL.toMillis(),
                    TimeUnit.MILLISECONDS);
            executor.execute(this::awaitWorkers);
            return finished.join();
        } finally {
            executor.shutdownNow();
            dispatcher.close();
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
        boolean closed = config.load().model().closed();
        int live = closed ? registry.liveCount(Heartbeat.CLOSED_MODEL) : registry.liveCount();
        if (live >= config.run().minWorkers()) {
            LOG.info("{} live worker(s); starting run {}", live, runId);
            start();
            return;
        }
        if (System.nanoTime() - waitStartNanos > config.run().workerWaitTimeout().toNanos()) {
            if (closed && registry.liveCount() > 0) {
                finish("no workers for the closed model: waited " + config.run().workerWaitTimeout().toSeconds()
                        + "s for " + config.run().minWorkers() + " live worker(s) that run it, saw " + live + " of "
                        + registry.liveCount() + " live (workers from before the closed model run the open model only: "
                        + "upgrade them)", true);
                return;
            }
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
            dispatcher.send(round, runStartEpochNanos + round * intervalNanos);
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

    // ---- housekeeping ----------------------------------------------------------------------------------

    private void safely() {
        try {
            housekeeping();
        } catch (RuntimeException e) {
            crashed(e);
        }
    }

    /**
     * A control-thread task failed unexpectedly (a bug, or an error such as StackOverflowError): the run ends at
     * once with what it has, so the report is written and the exit code says so. Never throws.
     */
    private void crashed(Throwable failure) {
        try {
            LOG.error("run failed: unexpected error on the control thread", failure);
            planning = false;
            finish("failed: internal error: " + failure, false, true);
        } catch (Throwable again) {
            finished.completeExceptionally(again);
        }
    }

    /** Tells listeners how the run stands, every {@link #SNAPSHOT_INTERVAL}, for reports a crash cannot erase. */
    private void snapshot() {
        if (runStartNanos != 0 && !finished.isDone()) {
            listener.onSnapshot(result(planning ? "running" : "ending: " + endReason, false, false));
        }
    }

    private void housekeeping() {
        long now = System.nanoTime();
        lastHousekeepingNanos = now;
        long excused = hearing.check(now);
        if (excused > 0) {
            excuse(excused, now);
        }
        if (hearing.hears()) {
            confirmations.flush(this::confirm);
            for (WorkerEvent event : registry.sweep(now)) {
                inbox.workerEvent(event);
            }
            feedback.completed(ledger.sweep(now));
        } else {
            feedback.completed(ledger.completed());
        }
        feedback.running();
        if (!planning && !finished.isDone() && (ledger.idle() || System.nanoTime() > drainDeadlineNanos)) {
            if (!ledger.idle()) {
                LOG.error("stopped waiting for {} open round(s); their unreported requests are missing from the totals",
                        ledger.openRounds());
            }
            finish(endReason, infrastructureFailure);
        }
    }

    /** Tells a worker what was counted of its messages, so it stops sending them again. */
    private void confirm(String workerId, ResultsConfirmed confirmed) {
        try {
            transport.publish(subjects.confirmations(workerId), codec.encode(confirmed));
        } catch (TransportException | IllegalArgumentException e) {
            // Not confirmed: the worker sends the messages again and they are confirmed then.
            LOG.debug("cannot confirm results to worker {}: {}", workerId, e.getMessage());
        }
    }

    private void excuse(long gapNanos, long now) {
        registry.excuse(gapNanos, now);
        ledger.excuse(gapNanos);
        if (drainDeadlineNanos != Long.MAX_VALUE) {
            drainDeadlineNanos += gapNanos;
        }
    }

    // ---- ending --------------------------------------------------------------------------------------

    private void onStopRequest() {
        if (control.abortRequested() && !stopBroadcast && runStartNanos != 0) {
            stopBroadcast = true;
            if (endReason != null) {
                endReason = control.stopReason(); // an abort during a drain already begun: the report says aborted
            }
            publishControl(ControlAction.STOP, control.stopReason());
            drainDeadlineNanos = Math.min(drainDeadlineNanos, System.nanoTime() + Duration.ofSeconds(5).toNanos());
        }
    }

    private void beginDrain(String reason) {
        planning = false;
        endReason = reason;
        status.draining();
        publishControl(control.abortRequested() ? ControlAction.STOP : ControlAction.DRAIN, reason);
        // Every open job closes by its deadline + grace; this cap only guards against bugs.
        ShutdownGrace grace = ShutdownGrace.of(config.requests().timeout(),
                Duration.ofNanos(Math.max(intervalNanos, spanNanos)), LEDGER_TIMEOUTS);
        drainDeadlineNanos = System.nanoTime() + grace.drain().toNanos();
        LOG.info("run {} ending ({}): waiting for {} open round(s), at most {} s", runId, reason, ledger.openRounds(),
                grace.drain().toSeconds());
    }

    private void finish(String reason, boolean infrastructure) {
        finish(reason, infrastructure, false);
    }

    private void finish(String reason, boolean infrastructure, boolean internalError) {
        if (finished.isDone()) {
            return;
        }
        planning = false;
        status.finished();
        inbox.logRefusedByWorkers();
        finished.complete(result(reason, infrastructure, internalError));
    }

    /** The run as it stands. */
    private FinishedRun result(String reason, boolean infrastructure, boolean internalError) {
        return new FinishedRun(runId, config.run().coordinatorId(), startedAt, Instant.now(), reason,
                infrastructure, internalError, ledger.totals(), calculator.probes(), calculator.capacity(),
                calculator.capacityNote(), inbox.peakWorkers(), intervalNanos / 1e9, warmupRounds);
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
