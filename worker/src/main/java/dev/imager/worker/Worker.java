package dev.imager.worker;

import dev.imager.protocol.DaemonThreadFactory;
import dev.imager.protocol.EpochClock;
import dev.imager.protocol.codec.MessageCodec;
import dev.imager.protocol.codec.MessageDecodeException;
import dev.imager.protocol.message.Control;
import dev.imager.protocol.message.ControlAction;
import dev.imager.protocol.message.Heartbeat;
import dev.imager.protocol.message.ResultsConfirmed;
import dev.imager.protocol.message.WorkerState;
import dev.imager.protocol.process.BoundedHandOff;
import dev.imager.protocol.process.RateLimitedLog;
import dev.imager.protocol.transport.InboundMessage;
import dev.imager.protocol.transport.Subscription;
import dev.imager.protocol.transport.Transport;
import dev.imager.protocol.transport.TransportException;
import dev.imager.worker.engine.HttpEngine;
import dev.imager.worker.engine.JobRun;
import dev.imager.worker.metrics.ControlRefusal;
import dev.imager.worker.metrics.WorkerMetrics;
import dev.imager.worker.targets.AllowedTargets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker node: takes jobs from the workers' queue group, runs them on the {@link HttpEngine}, streams
 * their results and beats. Used by the worker process and, several at once, by the coordinator's local mode.
 *
 * <p>Threads: the transport's subscription threads decode jobs and start them; one control thread gathers and
 * publishes result deltas; a heartbeat thread of its own publishes heartbeats, so that gathering results from busy
 * event loops never delays a beat (a late beat makes coordinators count a loaded but healthy worker missing); the
 * engine's event loops fire requests.
 */
public final class Worker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    /** Control messages waiting for the control thread at most; a flood beyond it is dropped and counted. */
    private static final int MAX_PENDING_CONTROL = 256;
    /** Silence of the control thread's heartbeat schedule, beyond 3 intervals, after which it is not alive. */
    private static final Duration LIVENESS_SLACK = Duration.ofSeconds(2);

    private final WorkerSettings settings;
    private final Transport transport;
    private final HttpEngine engine;
    private final MessageCodec codec = new MessageCodec();
    private final ScheduledExecutorService control;
    private final ScheduledExecutorService heartbeatThread;
    private final ResultStreamer streamer;
    private final HeartbeatPublisher heartbeats;
    private final JobIntake intake;
    private final WorkerMetrics metrics;
    private final BoundedHandOff controlWork;
    private final RateLimitedLog refusals = new RateLimitedLog(LOG);
    private final RateLimitedLog runEvents;
    private volatile long lastBeatNanos = System.nanoTime();
    /** A roll call's beat is queued on the heartbeat thread: a flood of roll calls queues one, not one each. */
    private final AtomicBoolean rollCallPending = new AtomicBoolean();
    /** The first beat went out (heartbeat thread only): until it does, a roll call needs no answer of its own. */
    private boolean beaten;
    private volatile long lastTickNanos = System.nanoTime();
    private volatile boolean draining;
    private volatile boolean closed;
    private Subscription jobs;
    private Subscription usersJobs;
    private Subscription controls;
    private Subscription confirmations;

    /**
     * Binds no gauges: they are process-wide, so whoever owns the engine binds them once ({@code WorkerMain}
     * for this worker; the coordinator's local fleet over all of its workers).
     */
    public Worker(WorkerSettings settings, Transport transport, HttpEngine engine, WorkerMetrics metrics,
            EpochClock clock) {
        this.settings = settings;
        this.transport = transport;
        this.engine = engine;
        this.metrics = metrics;
        this.control = Executors.newSingleThreadScheduledExecutor(new DaemonThreadFactory("imager-worker-" + settings.id()));
        this.heartbeatThread = Executors.newSingleThreadScheduledExecutor(
                new DaemonThreadFactory("imager-heartbeat-" + settings.id()));
        this.controlWork = new BoundedHandOff(control, MAX_PENDING_CONTROL);
        this.runEvents = new RateLimitedLog(LOG::info, RateLimitedLog.DEFAULT_INTERVAL, System::nanoTime);
        this.streamer = new ResultStreamer(transport, codec, control, metrics);
        this.heartbeats = new HeartbeatPublisher(settings, transport, codec, this::state, engine::inFlight,
                streamer::activeJobs, streamer::takeSendLagP99Micros, engine.settings().maxInFlight());
        this.intake = new JobIntake(settings, transport, codec, engine, streamer, metrics, clock, () -> draining);
    }

    /** Subscribes and starts beating; the first heartbeat goes out at once. */
    public Worker start() {
        jobs = transport.queueSubscribe(settings.subjects().jobs(), settings.subjects().workerQueueGroup(), intake);
        usersJobs = transport.queueSubscribe(settings.subjects().usersJobs(), settings.subjects().workerQueueGroup(),
                intake.usersJobs());
        controls = transport.subscribe(settings.subjects().control(), this::onControl);
        confirmations = transport.subscribe(settings.subjects().confirmations(settings.id()), this::onConfirmation);
        try {
            // "Ready" means the server has our subscriptions: a job published from now on reaches us.
            transport.flush(Duration.ofSeconds(5));
        } catch (TransportException e) {
            LOG.warn("subscriptions not confirmed by the server yet ({}); they are sent when it answers", e.getMessage());
        }
        long beat = settings.heartbeatInterval().toMillis();
        heartbeatThread.scheduleAtFixedRate(this::beat, 0, beat, TimeUnit.MILLISECONDS);
        long results = settings.resultInterval().toMillis();
        control.scheduleAtFixedRate(this::tick, results, results, TimeUnit.MILLISECONDS);
        LOG.info("worker {} ready on {} (subjects {}, queue group {})", settings.id(), transport.describe(),
                settings.subjects().jobs(), settings.subjects().workerQueueGroup());
        logAllowedTargets();
        return this;
    }

    private void logAllowedTargets() {
        AllowedTargets allowed = settings.allowedTargets();
        if (allowed.allowsAny()) {
            LOG.warn("worker {} sends to any target (--allowed-targets '*'): whoever can publish on {} can aim it "
                    + "anywhere", settings.id(), settings.subjects().jobs());
        } else if (allowed.describe().equals(WorkerSettings.DEFAULT_ALLOWED_TARGETS.describe())) {
            LOG.info("worker {} sends requests to this machine only ({}), the default; to load another host, list it: "
                    + "--allowed-targets 'api.example.com:443,10.0.0.0/8'", settings.id(), allowed.describe());
        } else {
            LOG.info("worker {} sends requests only to: {}", settings.id(), allowed.describe());
        }
    }

    /** The heartbeat, on the heartbeat thread's schedule. */
    private void beat() {
        beaten = true;
        lastBeatNanos = System.nanoTime();
        heartbeats.publish();
    }

    /**
     * A coordinator waiting for workers asked for a beat now: one that starts while this worker runs would otherwise
     * wait up to a heartbeat interval to hear of it. Whoever can publish on the control subject can ask, so the
     * worker beats at most once per shortest heartbeat interval a coordinator accepts, with at most one such beat
     * queued. A roll call heard before the first beat (scheduled as the worker starts) is answered by that beat.
     */
    private void answerRollCall() {
        if (!rollCallPending.compareAndSet(false, true)) {
            return;
        }
        try {
            heartbeatThread.execute(() -> {
                rollCallPending.set(false);
                if (beaten && System.nanoTime() - lastBeatNanos
                        >= TimeUnit.MILLISECONDS.toNanos(Heartbeat.MIN_INTERVAL_MILLIS)) {
                    beat();
                }
            });
        } catch (RejectedExecutionException e) {
            rollCallPending.set(false); // closing: no more beats
        }
    }

    /** The result streamer's tick, on the control thread's schedule: also the proof that the control thread is alive. */
    private void tick() {
        lastTickNanos = System.nanoTime();
        streamer.tick();
    }

    /**
     * True while both the heartbeat thread and the control thread keep their schedules (each within 3 heartbeat
     * intervals and a little; results are gathered at least every second): what the liveness probe reports,
     * together with the bus connection.
     */
    public boolean isResponsive() {
        long limit = 3 * settings.heartbeatInterval().toNanos() + LIVENESS_SLACK.toNanos();
        long now = System.nanoTime();
        return now - lastBeatNanos < limit && now - lastTickNanos < limit;
    }

    public WorkerState state() {
        if (draining) {
            return WorkerState.DRAINING;
        }
        return streamer.activeJobs() > 0 ? WorkerState.BUSY : WorkerState.READY;
    }

    /** Result messages sent and not confirmed by the coordinator yet. */
    public int unconfirmedResults() {
        return streamer.unconfirmedCount();
    }

    /** Their bytes. */
    public long unconfirmedResultBytes() {
        return streamer.unconfirmedBytes();
    }

    /** Jobs taken whose final delta has not been published yet. */
    public int activeJobs() {
        return streamer.activeJobs();
    }

    /**
     * Stops taking jobs and lets running ones finish within the drain timeout; then requests not yet sent
     * are dropped (and reported so) and those in flight get their own timeout to end. Publishes the final
     * deltas and a DRAINING heartbeat. Blocks until done.
     */
    public void drain() {
        if (draining) {
            return;
        }
        draining = true;
        stopTakingJobs();
        LOG.info("worker {} draining: {} job(s) running, up to {}", settings.id(), streamer.activeJobs(),
                settings.drainTimeout());
        runOn(heartbeatThread, heartbeats::publish);
        if (!awaitIdle(settings.drainTimeout())) {
            LOG.warn("drain timeout: dropping the unsent requests of {} job(s)", streamer.activeJobs());
            runOnControl(() -> streamer.runs().forEach(JobRun::cancel));
            long longestTimeout = streamer.runs().stream().mapToLong(r -> r.timeoutMillis()).max().orElse(0);
            if (!awaitIdle(Duration.ofMillis(longestTimeout + 1_000))) {
                LOG.error("{} job(s) still unfinished after drain; the coordinator counts their rest lost",
                        streamer.activeJobs());
            }
        }
        runOn(heartbeatThread, heartbeats::publish);
        try {
            transport.flush(Duration.ofSeconds(5));
        } catch (TransportException e) {
            LOG.warn("final flush failed: {}", e.getMessage());
        }
        LOG.info("worker {} drained", settings.id());
    }

    private void stopTakingJobs() {
        if (jobs != null) {
            jobs.unsubscribe();
        }
        if (usersJobs != null) {
            usersJobs.unsubscribe();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopTakingJobs();
        if (controls != null) {
            controls.unsubscribe();
        }
        if (confirmations != null) {
            confirmations.unsubscribe();
        }
        control.shutdownNow();
        heartbeatThread.shutdownNow();
    }

    /**
     * Acts on a control message only for the jobs of its run that report to the coordinator it names (a job's reply
     * subject names its coordinator): a run is stopped by the coordinator that started it, by no one else.
     */
    /**
     * The coordinator counted some of this worker's results: they need not be sent again. A confirmation forgets only
     * what was sent to the coordinator it names, so a confirmation for another coordinator's jobs changes nothing.
     */
    private void onConfirmation(InboundMessage message) {
        ResultsConfirmed c;
        try {
            c = codec.decode(message, ResultsConfirmed.class);
        } catch (MessageDecodeException e) {
            refuse(ControlRefusal.UNDECODABLE, () -> "ignoring undecodable confirmation: " + e.getMessage());
            return;
        }
        if (!c.workerId().equals(settings.id())) {
            return;
        }
        String replyTo = settings.subjects().results(c.coordinatorId());
        if (!controlWork.offer(() -> streamer.confirmed(c, replyTo))) {
            refuse(ControlRefusal.QUEUE_FULL, () -> "control thread busy: a confirmation was dropped (its results "
                    + "are sent again)");
        }
    }

    private void onControl(InboundMessage message) {
        Control c;
        try {
            c = codec.decode(message, Control.class);
        } catch (MessageDecodeException e) {
            refuse(ControlRefusal.UNDECODABLE, () -> "ignoring undecodable control message: " + e.getMessage());
            return;
        }
        if (c.action() == ControlAction.ROLL_CALL) {
            runEvents.log(c.action().name(), () -> "roll call from coordinator " + c.coordinatorId() + " (run "
                    + c.runId() + ")");
            answerRollCall();
            return;
        }
        List<JobRun> ofRun = streamer.runs().stream().filter(r -> r.runId().equals(c.runId())).toList();
        List<JobRun> fromItsCoordinator = ofRun.stream()
                .filter(r -> settings.subjects().coordinatorOfResults(r.replyTo()).orElse("").equals(c.coordinatorId()))
                .toList();
        if (!ofRun.isEmpty() && fromItsCoordinator.isEmpty()) {
            refuse(ControlRefusal.OTHER_COORDINATOR, () -> "ignoring " + c.action() + " for run " + c.runId()
                    + " from coordinator " + c.coordinatorId() + ": that run's jobs here report to "
                    + settings.subjects().coordinatorOfResults(ofRun.get(0).replyTo()).orElse("?"));
            return;
        }
        runEvents.log(c.action().name(), () -> "run " + c.runId() + ": " + c.action() + " from coordinator "
                + c.coordinatorId() + (c.reason().isEmpty() ? "" : " (" + c.reason() + ")"));
        if (c.action() == ControlAction.STOP && !fromItsCoordinator.isEmpty()
                && !controlWork.offer(() -> fromItsCoordinator.forEach(JobRun::cancel))) {
            refuse(ControlRefusal.QUEUE_FULL, () -> "control thread busy: a STOP for run " + c.runId() + " was dropped");
        }
    }

    private void refuse(ControlRefusal reason, java.util.function.Supplier<String> message) {
        metrics.controlRefused(reason);
        refusals.log(reason.name(), message);
    }

    /** Waits until no job is active, checking on the control thread's schedule. */
    private boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streamer.activeJobs() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            runOnControl(() -> { });
            try {
                Thread.sleep(Math.min(20, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private void runOnControl(Runnable task) {
        runOn(control, task);
    }

    private static void runOn(ScheduledExecutorService thread, Runnable task) {
        try {
            thread.submit(task).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("control task failed: {}", e.toString());
        }
    }
}
