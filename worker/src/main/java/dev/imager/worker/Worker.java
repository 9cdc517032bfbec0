package dev.imager.worker;

import dev.imager.protocol.DaemonThreadFactory;
import dev.imager.protocol.EpochClock;
import dev.imager.protocol.codec.MessageCodec;
import dev.imager.protocol.codec.MessageDecodeException;
import dev.imager.protocol.message.Control;
import dev.imager.protocol.message.ControlAction;
import dev.imager.protocol.message.WorkerState;
import dev.imager.protocol.transport.InboundMessage;
import dev.imager.protocol.transport.Subscription;
import dev.imager.protocol.transport.Transport;
import dev.imager.protocol.transport.TransportException;
import dev.imager.worker.engine.HttpEngine;
import dev.imager.worker.engine.JobRun;
import dev.imager.worker.metrics.WorkerMetrics;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker node: takes jobs from the workers' queue group, runs them on the {@link HttpEngine}, streams
 * their results and beats. Used by the worker process and, several at once, by the coordinator's local mode.
 *
 * <p>Threads: the transport's subscription threads decode jobs and start them; one control thread publishes
 * heartbeats and result deltas; the engine's event loops fire requests.
 */
public final class Worker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final WorkerSettings settings;
    private final Transport transport;
    private final HttpEngine engine;
    private final MessageCodec codec = new MessageCodec();
    private final ScheduledExecutorService control;
    private final ResultStreamer streamer;
    private final HeartbeatPublisher heartbeats;
    private final JobIntake intake;
    private volatile boolean draining;
    private volatile boolean closed;
    private Subscription jobs;
    private Subscription controls;

    /**
     * Binds no gauges: they are process-wide, so whoever owns the engine binds them once ({@code WorkerMain}
     * for this worker; the coordinator's local fleet over all of its workers).
     */
    public Worker(WorkerSettings settings, Transport transport, HttpEngine engine, WorkerMetrics metrics,
            EpochClock clock) {
        this.settings = settings;
        this.transport = transport;
        this.engine = engine;
        this.control = Executors.newSingleThreadScheduledExecutor(new DaemonThreadFactory("imager-worker-" + settings.id()));
        this.streamer = new ResultStreamer(transport, codec, control);
        this.heartbeats = new HeartbeatPublisher(settings, transport, codec, this::state, engine::inFlight,
                streamer::activeJobs, streamer::takeSendLagP99Micros, engine.settings().maxInFlight());
        this.intake = new JobIntake(settings.id(), transport, codec, engine, streamer, metrics, clock, () -> draining);
    }

    /** Subscribes and starts beating; the first heartbeat goes out at once. */
    public Worker start() {
        jobs = transport.queueSubscribe(settings.subjects().jobs(), settings.subjects().workerQueueGroup(), intake);
        controls = transport.subscribe(settings.subjects().control(), this::onControl);
        try {
            // "Ready" means the server has our subscriptions: a job published from now on reaches us.
            transport.flush(Duration.ofSeconds(5));
        } catch (TransportException e) {
            LOG.warn("subscriptions not confirmed by the server yet ({}); they are sent when it answers", e.getMessage());
        }
        long beat = settings.heartbeatInterval().toMillis();
        control.scheduleAtFixedRate(heartbeats::publish, 0, beat, TimeUnit.MILLISECONDS);
        long results = settings.resultInterval().toMillis();
        control.scheduleAtFixedRate(streamer::tick, results, results, TimeUnit.MILLISECONDS);
        LOG.info("worker {} ready on {} (subjects {}, queue group {})", settings.id(), transport.describe(),
                settings.subjects().jobs(), settings.subjects().workerQueueGroup());
        return this;
    }

    public WorkerState state() {
        if (draining) {
            return WorkerState.DRAINING;
        }
        return streamer.activeJobs() > 0 ? WorkerState.BUSY : WorkerState.READY;
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
        if (jobs != null) {
            jobs.unsubscribe();
        }
        LOG.info("worker {} draining: {} job(s) running, up to {}", settings.id(), streamer.activeJobs(),
                settings.drainTimeout());
        runOnControl(heartbeats::publish);
        if (!awaitIdle(settings.drainTimeout())) {
            LOG.warn("drain timeout: dropping the unsent requests of {} job(s)", streamer.activeJobs());
            runOnControl(() -> streamer.runs().forEach(JobRun::cancel));
            long longestTimeout = streamer.runs().stream().mapToLong(r -> r.job().timeoutMillis()).max().orElse(0);
            if (!awaitIdle(Duration.ofMillis(longestTimeout + 1_000))) {
                LOG.error("{} job(s) still unfinished after drain; the coordinator counts their rest lost",
                        streamer.activeJobs());
            }
        }
        runOnControl(heartbeats::publish);
        try {
            transport.flush(Duration.ofSeconds(5));
        } catch (TransportException e) {
            LOG.warn("final flush failed: {}", e.getMessage());
        }
        LOG.info("worker {} drained", settings.id());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (jobs != null) {
            jobs.unsubscribe();
        }
        if (controls != null) {
            controls.unsubscribe();
        }
        control.shutdownNow();
    }

    private void onControl(InboundMessage message) {
        Control c;
        try {
            c = codec.decode(message.payload(), Control.class);
        } catch (MessageDecodeException e) {
            LOG.warn("ignoring undecodable control message: {}", e.getMessage());
            return;
        }
        LOG.info("run {}: {} from coordinator {}{}", c.runId(), c.action(), c.coordinatorId(),
                c.reason().isEmpty() ? "" : " (" + c.reason() + ")");
        if (c.action() == ControlAction.STOP) {
            control.execute(() -> streamer.runs().stream().filter(r -> r.job().runId().equals(c.runId()))
                    .forEach(JobRun::cancel));
        }
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
        try {
            control.submit(task).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("control task failed: {}", e.toString());
        }
    }
}
