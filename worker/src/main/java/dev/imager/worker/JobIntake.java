package dev.imager.worker;

import dev.imager.protocol.EpochClock;
import dev.imager.protocol.codec.MessageCodec;
import dev.imager.protocol.codec.MessageDecodeException;
import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.JobAck;
import dev.imager.protocol.message.JobRejected;
import dev.imager.protocol.message.RejectReason;
import dev.imager.protocol.transport.InboundMessage;
import dev.imager.protocol.transport.MessageHandler;
import dev.imager.protocol.transport.Transport;
import dev.imager.protocol.transport.TransportException;
import dev.imager.worker.engine.HttpEngine;
import dev.imager.worker.engine.JobRun;
import dev.imager.worker.metrics.WorkerMetrics;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes jobs off the bus: decodes and checks each one, acknowledges it on its reply subject at once (so the
 * coordinator can tell a taken job from a lost one) and starts it on the engine; or rejects it with a reason.
 * A bad job never stops the worker.
 */
final class JobIntake implements MessageHandler {

    private static final Logger LOG = LoggerFactory.getLogger(JobIntake.class);
    /** Lateness worth a log line: beyond plan-ahead and normal delivery. */
    private static final long LATE_START_WARN_NANOS = 100_000_000L;

    private final String workerId;
    private final Transport transport;
    private final MessageCodec codec;
    private final HttpEngine engine;
    private final ResultStreamer streamer;
    private final WorkerMetrics metrics;
    private final EpochClock clock;
    private final BooleanSupplier draining;

    JobIntake(String workerId, Transport transport, MessageCodec codec, HttpEngine engine, ResultStreamer streamer,
            WorkerMetrics metrics, EpochClock clock, BooleanSupplier draining) {
        this.workerId = workerId;
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
        Job job;
        try {
            job = codec.decode(message.payload(), Job.class);
        } catch (MessageDecodeException e) {
            reject(message.replyTo(), null, null,
                    e.isNewerVersion() ? RejectReason.UNSUPPORTED_VERSION : RejectReason.UNDECODABLE, e.getMessage());
            return;
        }
        if (draining.getAsBoolean()) {
            reject(message.replyTo(), job, RejectReason.DRAINING, "worker " + workerId + " is shutting down");
            return;
        }
        Optional<String> problem = JobValidator.problem(job);
        if (problem.isPresent()) {
            reject(message.replyTo(), job, RejectReason.INVALID, problem.get());
            return;
        }
        long nowEpoch = clock.nowNanos();
        if (job.deadlineEpochNanos() < nowEpoch) {
            reject(message.replyTo(), job, RejectReason.EXPIRED, "deadline passed "
                    + (nowEpoch - job.deadlineEpochNanos()) / 1_000_000 + " ms before the job arrived");
            return;
        }
        if (message.replyTo() == null) {
            LOG.warn("job {} has no reply subject: running it, but nobody can see its results", job.jobId());
        } else {
            publish(message.replyTo(), codec.encode(new JobAck(job.runId(), job.round(), job.jobId(), workerId, nowEpoch)));
        }
        long startNanos = System.nanoTime() + (job.startEpochNanos() - nowEpoch);
        long lateness = System.nanoTime() - startNanos;
        if (lateness > 0) {
            // Too late to keep the plan: start now and keep the spacing, so the rate stays right.
            startNanos = System.nanoTime();
            metrics.jobStartLateness(lateness);
            if (lateness > LATE_START_WARN_NANOS) {
                LOG.warn("job {} arrived {} ms after its planned start (clock skew or slow delivery); started now",
                        job.jobId(), lateness / 1_000_000);
            }
        } else {
            metrics.jobStartLateness(0);
        }
        JobRun run;
        if (message.replyTo() == null) {
            // Nobody to stream to: nothing is tracked, collected or published (publishing to "" would throw).
            run = engine.prepare(job, "", workerId, startNanos, finished -> { });
        } else {
            run = engine.prepare(job, message.replyTo(), workerId, startNanos, streamer::jobFinished);
            streamer.track(run);
        }
        metrics.jobPickedUp(job.size());
        run.launch();
    }

    private void reject(String replyTo, Job job, RejectReason reason, String detail) {
        reject(replyTo, job == null ? null : job.runId(), job == null ? null : job.jobId(), reason, detail);
    }

    private void reject(String replyTo, String runId, String jobId, RejectReason reason, String detail) {
        metrics.jobRejected(reason);
        LOG.warn("rejected job {}: {} ({})", jobId == null ? "(unreadable)" : jobId, reason, detail);
        if (replyTo != null) {
            publish(replyTo, codec.encode(new JobRejected(runId, jobId, workerId, reason, detail)));
        }
    }

    private void publish(String subject, byte[] payload) {
        try {
            transport.publish(subject, payload);
        } catch (TransportException e) {
            LOG.error("cannot publish on {}: {}", subject, e.getMessage());
        }
    }
}
