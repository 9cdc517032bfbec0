package dev.imager.worker;

import dev.imager.protocol.codec.MessageCodec;
import dev.imager.protocol.latency.LatencySnapshot;
import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.transport.Transport;
import dev.imager.protocol.transport.TransportException;
import dev.imager.worker.engine.JobRun;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams every running job's results to its reply subject: a delta every result interval while it runs
 * (skipped when nothing happened) and a final {@code done} delta as soon as its last request ends.
 *
 * <p>All collecting and publishing happens on the worker's control thread, so each job's deltas leave in
 * sequence order.
 */
final class ResultStreamer {

    private static final Logger LOG = LoggerFactory.getLogger(ResultStreamer.class);
    private static final Duration COLLECT_TIMEOUT = Duration.ofSeconds(5);

    private final Transport transport;
    private final MessageCodec codec;
    private final ScheduledExecutorService control;
    private final Map<String, JobRun> active = new ConcurrentHashMap<>();
    private final Histogram recentSendLag = LatencySnapshot.newHistogram();
    private long publishFailures;

    ResultStreamer(Transport transport, MessageCodec codec, ScheduledExecutorService control) {
        this.transport = transport;
        this.codec = codec;
        this.control = control;
    }

    /** Registers a run before it is launched, so its completion always finds it. */
    void track(JobRun run) {
        active.put(key(run), run);
    }

    /** {@link dev.imager.worker.engine.JobRunListener}: publish the final delta now, not at the next tick. */
    void jobFinished(JobRun run) {
        control.execute(() -> publish(run, false));
    }

    /** Publishes a delta of every running job (control thread). */
    void tick() {
        for (JobRun run : active.values()) {
            publish(run, true);
        }
    }

    int activeJobs() {
        return active.size();
    }

    Collection<JobRun> runs() {
        return active.values();
    }

    /** p99 of send lag over the deltas published since the last call, in microseconds (control thread). */
    long takeSendLagP99Micros() {
        long p99 = recentSendLag.getTotalCount() == 0 ? 0 : recentSendLag.getValueAtPercentile(99);
        recentSendLag.reset();
        return p99;
    }

    private void publish(JobRun run, boolean skipEmpty) {
        JobResult result;
        try {
            result = run.collect(COLLECT_TIMEOUT, skipEmpty);
        } catch (IllegalStateException e) {
            LOG.error("cannot collect results of job {}: {}", run.job().jobId(), e.getMessage());
            return;
        }
        if (result == null) {
            if (run.isFinished()) {
                active.remove(key(run));
            }
            return;
        }
        result.stats().sendLag().addTo(recentSendLag);
        try {
            transport.publish(run.replyTo(), codec.encode(result));
        } catch (TransportException e) {
            publishFailures++;
            LOG.error("cannot publish results of job {} (seq {}, {} requests); the coordinator will count them "
                    + "lost ({} publish failures so far): {}", result.jobId(), result.seq(),
                    result.stats().outcomes().total(), publishFailures, e.getMessage());
        }
        if (result.done()) {
            active.remove(key(run));
        }
    }

    private static String key(JobRun run) {
        return run.job().runId() + "/" + run.job().jobId();
    }
}
