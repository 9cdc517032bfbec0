package dev.imager.worker;

import dev.imager.protocol.EpochClock;
import dev.imager.protocol.Subjects;
import dev.imager.protocol.codec.MessageCodec;
import dev.imager.protocol.codec.MessageDecodeException;
import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.JobAck;
import dev.imager.protocol.message.JobRejected;
import dev.imager.protocol.message.Message;
import dev.imager.protocol.message.UsersJob;
import dev.imager.protocol.message.RejectReason;
import dev.imager.protocol.process.RateLimitedLog;
import dev.imager.protocol.transport.InboundMessage;
import dev.imager.protocol.transport.MessageHandler;
import dev.imager.protocol.transport.Transport;
import dev.imager.protocol.transport.TransportException;
import dev.imager.worker.engine.HttpEngine;
import dev.imager.worker.engine.JobRun;
import dev.imager.worker.engine.TargetAddress;
import dev.imager.worker.metrics.WorkerMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes jobs off the bus: decodes and checks each one, acknowledges it on its reply subject at once (so the
 * coordinator can tell a taken job from a lost one) and starts it on the engine; or rejects it with a reason.
 * A bad job never stops the worker, and a flood of them costs a log line per reason per interval.
 *
 * <p>What a job must be to run, in the order checked: decodable, of a version this worker speaks; replying on a
 * results subject under this worker's prefix ({@code <prefix>.results.<coordinatorId>}: a job without one is dropped
 * unanswered, so no one can use workers to publish on subjects of their choosing); the worker not draining; valid
 * targets and requests; every target in {@link WorkerSettings#allowedTargets()}; its deadline not passed and its
 * start at most {@link #MAX_START_AHEAD} away; a free slot below {@link WorkerSettings#maxActiveJobs()}; and, for a
 * closed-model job, no more users than the engine's in-flight cap.
 */
final class JobIntake implements MessageHandler {

    /**
     * Furthest in the future a job may start by this worker's clock: a job waits in memory until then. A coordinator
     * publishes each round shortly before it starts ({@code --plan-ahead} is below the round length, which is at most
     * {@link Job#MAX_SPAN_MICROS}), so this leaves room for a round's length and clock skew. How far in the past is
     * bounded by the deadline: a job whose last request would already have timed out is rejected {@code EXPIRED}.
     */
    static final Duration MAX_START_AHEAD = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(JobIntake.class);
    /** Lateness worth a log line: beyond plan-ahead and normal delivery. */
    private static final long LATE_START_WARN_NANOS = 100_000_000L;

    private final WorkerSettings settings;
    private final Subjects subjects;
    private final Transport transport;
    private final MessageCodec codec;
    private final HttpEngine engine;
    private final ResultStreamer streamer;
    private final WorkerMetrics metrics;
    private final EpochClock clock;
    private final BooleanSupplier draining;
    private final RateLimitedLog rejections = new RateLimitedLog(LOG);

    JobIntake(WorkerSettings settings, Transport transport, MessageCodec codec, HttpEngine engine,
            ResultStreamer streamer, WorkerMetrics metrics, EpochClock clock, BooleanSupplier draining) {
        this.settings = settings;
        this.subjects = settings.subjects();
        this.transport = transport;
        this.codec = codec;
        this.engine = engine;
        this.streamer = streamer;
        this.metrics = metrics;
        this.clock = clock;
        this.draining = draining;
    }

    @Override
    public void onMessage(InboundMessage message) {
        take(message, Job.class);
    }

    /** Takes closed-model jobs ({@link UsersJob}) off {@code <prefix>.users-jobs}, by the same rules. */
    MessageHandler usersJobs() {
        return message -> take(message, UsersJob.class);
    }

    private void take(InboundMessage message, Class<? extends Message> type) {
        // Answer only where a coordinator listens: anything else would let a publisher aim our replies.
        String replyTo = subjects.coordinatorOfResults(message.replyTo()).isPresent() ? message.replyTo() : null;
        Work work;
        try {
            work = Work.of(codec.decode(message, type));
        } catch (MessageDecodeException e) {
            reject(replyTo, null, e.isNewerVersion() ? RejectReason.UNSUPPORTED_VERSION : RejectReason.UNDECODABLE,
                    e.getMessage());
            return;
        }
        if (replyTo == null) {
            // Not subjects.results("<coordinatorId>"): that is no subject token and would throw.
            reject(null, work, RejectReason.INVALID, "no reply subject of the form " + subjects.prefix()
                    + ".results.<coordinatorId> (got " + message.replyTo() + "): nobody could see its results, so it "
                    + "is not run");
            return;
        }
        Optional<Rejection> refusal = check(work);
        if (refusal.isPresent()) {
            reject(replyTo, work, refusal.get().reason(), refusal.get().detail());
            return;
        }
        start(work, replyTo);
    }

    /** Why {@code work} cannot run here, if it cannot. */
    private Optional<Rejection> check(Work work) {
        if (draining.getAsBoolean()) {
            return Rejection.of(RejectReason.DRAINING, "worker " + settings.id() + " is shutting down");
        }
        Optional<String> problem = work.problem();
        if (problem.isPresent()) {
            return Rejection.of(RejectReason.INVALID, problem.get());
        }
        for (String url : work.targets()) {
            TargetAddress target = TargetAddress.parse(url);
            if (!settings.allowedTargets().permits(target.host(), target.port())) {
                return Rejection.of(RejectReason.FORBIDDEN_TARGET, "target " + url + " is not in this worker's "
                        + "--allowed-targets (" + settings.allowedTargets().describe() + ")");
            }
        }
        long now = clock.nowNanos();
        if (work.deadlineEpochNanos() < now) {
            return Rejection.of(RejectReason.EXPIRED, "deadline passed " + (now - work.deadlineEpochNanos()) / 1_000_000
                    + " ms before the job arrived");
        }
        if (work.startEpochNanos() - now > MAX_START_AHEAD.toNanos()) {
            return Rejection.of(RejectReason.INVALID, "starts " + (work.startEpochNanos() - now) / 1_000_000_000
                    + " s from now by this worker's clock, more than " + MAX_START_AHEAD.toMinutes()
                    + " min ahead (clock skew?)");
        }
        if (streamer.activeJobs() >= settings.maxActiveJobs()) {
            return Rejection.of(RejectReason.OVERLOADED, "worker " + settings.id() + " already runs "
                    + settings.maxActiveJobs() + " jobs (--max-active-jobs)");
        }
        if (work.users() > engine.settings().maxInFlight()) {
            // Each user holds a request in flight: more than the cap could only be dropped.
            return Rejection.of(RejectReason.OVERLOADED, work.users() + " users, more than this worker's in-flight "
                    + "cap (" + engine.settings().maxInFlight() + ")");
        }
        return Optional.empty();
    }

    private void start(Work work, String replyTo) {
        long nowEpoch = clock.nowNanos();
        byte[] ack = codec.encode(new JobAck(work.runId(), work.round(), work.jobId(), settings.id(), nowEpoch));
        publish(replyTo, ack);
        streamer.acknowledged(work.runId(), work.jobId(), replyTo, ack); // sent again until the coordinator confirms it
        long startNanos = System.nanoTime() + (work.startEpochNanos() - nowEpoch);
        long lateness = System.nanoTime() - startNanos;
        if (lateness > 0) {
            // The plan stands: overdue requests go out at once and are measured from their planned instants (the
            // wait is latency users would feel, so corrected latency shows it); one already past its timeout is
            // dropped by the engine, never sent late. Late users start at once and stop at the span's end.
            metrics.jobStartLateness(lateness);
            if (lateness > LATE_START_WARN_NANOS) {
                LOG.warn("job {} arrived {} ms after its planned start (clock skew or slow delivery); overdue requests "
                        + "go out now, measured from their planned instants", work.jobId(), lateness / 1_000_000);
            }
        } else {
            metrics.jobStartLateness(0);
        }
        JobRun run = work.message() instanceof Job job
                ? engine.prepare(job, replyTo, settings.id(), startNanos, streamer::jobFinished)
                : engine.prepare((UsersJob) work.message(), replyTo, settings.id(), startNanos, streamer::jobFinished);
        streamer.track(run);
        metrics.jobPickedUp(work.message() instanceof Job job ? job.size() : 0);
        run.launch();
    }

    private void reject(String replyTo, Work job, RejectReason reason, String detail) {
        metrics.jobRejected(reason);
        String jobId = job == null ? null : job.jobId();
        String shortDetail = detail.length() <= JobRejected.MAX_DETAIL_CHARS ? detail
                : detail.substring(0, JobRejected.MAX_DETAIL_CHARS - 3) + "...";
        rejections.log(reason.name(), () -> "rejected job " + (jobId == null ? "(unreadable)" : jobId) + ": " + reason
                + " (" + shortDetail + ")");
        if (replyTo != null) {
            publish(replyTo, codec.encode(new JobRejected(job == null ? null : job.runId(), jobId, settings.id(), reason,
                    shortDetail)));
        }
    }

    private void publish(String subject, byte[] payload) {
        try {
            transport.publish(subject, payload);
        } catch (TransportException e) {
            LOG.error("cannot publish on {}: {}", subject, e.getMessage());
        }
    }

    /** What intake needs of an open-model {@link Job} or a closed-model {@link UsersJob}. */
    private record Work(Message message, String runId, long round, String jobId, List<String> targets,
            long startEpochNanos, long deadlineEpochNanos, int users) {
        static Work of(Message message) {
            if (message instanceof Job j) {
                return new Work(j, j.runId(), j.round(), j.jobId(), j.targets(), j.startEpochNanos(),
                        j.deadlineEpochNanos(), 0);
            }
            UsersJob u = (UsersJob) message;
            return new Work(u, u.runId(), u.round(), u.jobId(), u.targets(), u.startEpochNanos(), u.deadlineEpochNanos(),
                    u.users());
        }

        Optional<String> problem() {
            return message instanceof Job j ? JobValidator.problem(j) : JobValidator.problem((UsersJob) message);
        }
    }

    /** A reason and its detail. */
    private record Rejection(RejectReason reason, String detail) {
        static Optional<Rejection> of(RejectReason reason, String detail) {
            return Optional.of(new Rejection(reason, detail));
        }
    }
}
