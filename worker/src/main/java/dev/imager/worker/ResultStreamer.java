package dev.imager.worker;

import dev.imager.protocol.codec.MessageCodec;
import dev.imager.protocol.latency.LatencySnapshot;
import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.message.ResultsConfirmed;
import dev.imager.protocol.transport.Transport;
import dev.imager.protocol.transport.TransportException;
import dev.imager.worker.engine.JobRun;
import dev.imager.worker.metrics.WorkerMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
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
 * <p>Delivery is at least once: each acknowledgement and delta sent is kept ({@link UnconfirmedResults}) until the
 * coordinator confirms it ({@link ResultsConfirmed}), and sent again every {@link #RESEND_AFTER} until then, in
 * sequence order; the coordinator counts each delta once, by job and sequence number. So a broker restart, which
 * loses what the broker held, costs a resend, not a result. At most {@link #MAX_UNCONFIRMED_BYTES} are kept, for at
 * most {@link #RETENTION}; nothing here sends a request, so a dead coordinator's load does not run on.
 *
 * <p>All collecting and publishing happens on the worker's control thread, so each job's deltas leave in
 * sequence order.
 */
final class ResultStreamer {

    /** Payload kept for resending at most: minutes of deltas of a busy worker, a few percent of its heap. */
    static final long MAX_UNCONFIRMED_BYTES = 16L << 20;
    /** A message unconfirmed this long after it was (last) sent is sent again. */
    static final Duration RESEND_AFTER = Duration.ofSeconds(1);
    /** Far beyond the coordinator's wait for a job's results (its deadline plus 5 s): then it is given up. */
    static final Duration RETENTION = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(ResultStreamer.class);
    private static final Duration COLLECT_TIMEOUT = Duration.ofSeconds(5);

    private final Transport transport;
    private final MessageCodec codec;
    private final ScheduledExecutorService control;
    private final WorkerMetrics metrics;
    private final Map<String, JobRun> active = new ConcurrentHashMap<>();
    private final Histogram recentSendLag = LatencySnapshot.newHistogram();
    private final UnconfirmedResults unconfirmed = new UnconfirmedResults(MAX_UNCONFIRMED_BYTES,
            RESEND_AFTER.toNanos(), RETENTION.toNanos());
    private volatile int unconfirmedCount;
    private volatile long unconfirmedBytes;
    private long givenUpReported;
    private long publishFailures;

    ResultStreamer(Transport transport, MessageCodec codec, ScheduledExecutorService control, WorkerMetrics metrics) {
        this.transport = transport;
        this.codec = codec;
        this.control = control;
        this.metrics = metrics;
    }

    /** Registers a run before it is launched, so its completion always finds it. */
    void track(JobRun run) {
        active.put(key(run), run);
    }

    /** The acknowledgement of {@code job} was just sent on {@code replyTo}: keep it until confirmed (any thread). */
    void acknowledged(String runId, String jobId, String replyTo, byte[] payload) {
        control.execute(() -> keep(key(replyTo, runId, jobId), replyTo, ResultsConfirmed.ACK_SEQ,
                payload));
    }

    /** {@link dev.imager.worker.engine.JobRunListener}: publish the final delta now, not at the next tick. */
    void jobFinished(JobRun run) {
        control.execute(() -> publish(run, false));
    }

    /** Publishes a delta of every running job and sends again what is still unconfirmed (control thread). */
    void tick() {
        for (JobRun run : active.values()) {
            publish(run, true);
        }
        List<UnconfirmedResults.Entry> due = unconfirmed.due(System.nanoTime());
        for (UnconfirmedResults.Entry e : due) {
            send(e.replyTo(), e.payload());
        }
        if (!due.isEmpty()) {
            metrics.resultsResent(due.size());
        }
        updateViews();
    }

    /** The coordinator named in {@code confirmed} counted these messages (control thread). */
    void confirmed(ResultsConfirmed confirmed, String replyTo) {
        for (ResultsConfirmed.Confirmation c : confirmed.confirmed()) {
            unconfirmed.confirmed(key(replyTo, confirmed.runId(), c.jobId()), c.seq());
        }
        updateViews();
    }

    int activeJobs() {
        return active.size();
    }

    /** Messages sent and not confirmed yet (any thread). */
    int unconfirmedCount() {
        return unconfirmedCount;
    }

    /** Their payload, in bytes (any thread). */
    long unconfirmedBytes() {
        return unconfirmedBytes;
    }

    Collection<JobRun> runs() {
        return active.values();
    }

    /** p99 of send lag over the deltas published since the last call, in microseconds (the heartbeat thread). */
    long takeSendLagP99Micros() {
        synchronized (recentSendLag) {
            long p99 = recentSendLag.getTotalCount() == 0 ? 0 : recentSendLag.getValueAtPercentile(99);
            recentSendLag.reset();
            return p99;
        }
    }

    private void publish(JobRun run, boolean skipEmpty) {
        JobResult result;
        try {
            result = run.collect(COLLECT_TIMEOUT, skipEmpty);
        } catch (IllegalStateException e) {
            LOG.error("cannot collect results of job {}: {}", run.jobId(), e.getMessage());
            return;
        }
        if (result == null) {
            if (run.isFinished()) {
                active.remove(key(run));
            }
            return;
        }
        synchronized (recentSendLag) {
            result.stats().sendLag().addTo(recentSendLag);
        }
        byte[] payload = codec.encode(result);
        // Kept even when the publish fails: it goes out again with the next resend.
        keep(key(run), run.replyTo(), result.seq(), payload);
        if (!send(run.replyTo(), payload)) {
            LOG.warn("cannot publish results of job {} (seq {}, {} requests) now; they are kept and sent again "
                    + "({} publish failures so far)", result.jobId(), result.seq(), result.stats().outcomes().total(),
                    publishFailures);
        }
        if (result.done()) {
            active.remove(key(run));
        }
    }

    private void keep(String key, String replyTo, int seq, byte[] payload) {
        unconfirmed.sent(key, replyTo, seq, payload, System.nanoTime());
        updateViews();
    }

    private boolean send(String subject, byte[] payload) {
        try {
            transport.publish(subject, payload);
            return true;
        } catch (TransportException e) {
            publishFailures++;
            return false;
        }
    }

    private void updateViews() {
        unconfirmedCount = unconfirmed.count();
        unconfirmedBytes = unconfirmed.bytes();
        long givenUp = unconfirmed.givenUp();
        if (givenUp > givenUpReported) {
            metrics.resultsGivenUp(givenUp - givenUpReported);
            LOG.warn("gave up {} unconfirmed result message(s) (over {} MiB kept, or older than {} s); the coordinator "
                    + "counts what they held as lost", givenUp - givenUpReported, MAX_UNCONFIRMED_BYTES >> 20,
                    RETENTION.toSeconds());
            givenUpReported = givenUp;
        }
    }

    private static String key(JobRun run) {
        return key(run.replyTo(), run.runId(), run.jobId());
    }

    /** A job of a run reporting to a coordinator: the coordinator's confirmations name only its own jobs. */
    private static String key(String replyTo, String runId, String jobId) {
        return replyTo + "|" + runId + "/" + jobId;
    }
}
