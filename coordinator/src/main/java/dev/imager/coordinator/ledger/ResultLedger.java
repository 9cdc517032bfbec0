package dev.imager.coordinator.ledger;

import dev.imager.coordinator.inbox.MessageRefusal;
import dev.imager.coordinator.inbox.Refused;
import dev.imager.protocol.message.JobAck;
import dev.imager.protocol.message.JobRejected;
import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.message.RejectReason;
import dev.imager.protocol.message.RequestStatsRecorder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts for every planned request: merges the result deltas of each round's jobs and decides, with
 * {@link LedgerTimeouts}, when a job will never report. Each request ends in exactly one bucket (ok, a
 * failure kind, dropped or lost), so {@code planned == ok + failed + dropped + lost} per round and per run; the run's
 * dropped requests are also counted by their {@link DropReason} ({@link RunTotals#droppedBy()}).
 *
 * <p>Completed rounds come out of {@link #sweep} in round order, so observations always reach the load
 * calculator in the order the rounds were planned. Memory is bounded by the rounds still open (a few
 * seconds' worth): a completed round keeps only its {@link CompletedRound}, which the caller owns. Each open round
 * and the run merge results into a {@link RequestStatsRecorder}: a delta's histograms are added, never copied.
 *
 * <p>Only what comes from where it should counts: acknowledgements, results and rejections of jobs this ledger
 * has open in its run, from the worker that acknowledged each job, every delta once and in sequence, never more
 * outcomes than requests, with consistent statistics ({@link OpenJob}). Anything else is refused with a
 * {@link MessageRefusal} and changes nothing.
 *
 * <p>Pure: time comes in as monotonic nanoseconds. Not thread-safe: the control thread owns it.
 */
public final class ResultLedger {

    private static final Logger LOG = LoggerFactory.getLogger(ResultLedger.class);

    private static final long UNSENT = OpenJob.UNSENT;

    private final String runId;
    private final LedgerTimeouts timeouts;
    private final TreeMap<Long, OpenRound> rounds = new TreeMap<>();
    private final Map<String, OpenJob> jobs = new HashMap<>();
    private final ClosedJobs recentlyClosed = new ClosedJobs();
    private final RequestStatsRecorder runStats = new RequestStatsRecorder();
    private long runLost;
    private long completedRounds;
    private long notSentRounds;
    private final Map<RejectReason, Long> refusedByWorkers = new EnumMap<>(RejectReason.class);
    private final Map<DropReason, Long> runDroppedBy = new EnumMap<>(DropReason.class);

    /** A ledger for run {@code runId}: messages of other runs are refused. */
    public ResultLedger(String runId, LedgerTimeouts timeouts) {
        this.runId = runId;
        this.timeouts = timeouts;
    }

    /** Opens a round; its jobs follow with {@link #jobPublished}. */
    public void roundPlanned(long round, double rate, long startEpochNanos) {
        roundPlanned(round, rate, startEpochNanos, false);
    }

    /** Opens a round, a warm-up round when {@code warmup} (kept out of the run's totals). */
    public void roundPlanned(long round, double rate, long startEpochNanos, boolean warmup) {
        if (rounds.containsKey(round)) {
            throw new IllegalStateException("round " + round + " planned twice");
        }
        rounds.put(round, new OpenRound(round, rate, startEpochNanos, warmup));
    }

    /**
     * Records a (warm-up, when {@code warmup}) round that could not be sent: all its requests count as dropped for
     * {@code reason}; {@code detail} is the round's "not sent because".
     */
    public void roundNotSent(long round, double rate, long startEpochNanos, long planned, DropReason reason,
            String detail, boolean warmup) {
        OpenRound r = new OpenRound(round, rate, startEpochNanos, warmup);
        r.planned = planned;
        r.drop(reason, planned);
        r.notSentReason = detail;
        rounds.put(round, r);
    }

    /**
     * Records a job handed to the bus.
     *
     * @param deadlineNanos monotonic instant by which the job's last request has completed or timed out
     */
    public void jobPublished(long round, String jobId, int requests, long publishedNanos, long deadlineNanos) {
        jobPlanned(round, jobId, requests, deadlineNanos);
        jobSent(jobId, publishedNanos);
    }

    /**
     * Records a job that is about to be published (by another thread); {@link #jobSent} says when it went out. A job
     * still unsent past its deadline plus the grace is dropped ({@link DropReason#PUBLISHED_LATE}).
     */
    public void jobPlanned(long round, String jobId, int requests, long deadlineNanos) {
        OpenRound r = rounds.get(round);
        if (r == null) {
            throw new IllegalStateException("job " + jobId + " of unknown round " + round);
        }
        r.planned += requests;
        r.jobs++;
        r.openJobs++;
        jobs.put(jobId, new OpenJob(jobId, r, requests, UNSENT, deadlineNanos));
    }

    /**
     * Records a closed-model job about to be published: its round's plan grows by what the job reports (and what it
     * leaves unreported) when it closes, since how many requests its users send is the outcome, not the plan.
     */
    public void usersJobPlanned(long round, String jobId, long deadlineNanos) {
        OpenRound r = rounds.get(round);
        if (r == null) {
            throw new IllegalStateException("job " + jobId + " of unknown round " + round);
        }
        r.jobs++;
        r.openJobs++;
        jobs.put(jobId, OpenJob.ofUsers(jobId, r, deadlineNanos));
    }

    /** The job reached the bus at {@code sentNanos}. */
    public void jobSent(String jobId, long sentNanos) {
        OpenJob job = jobs.get(jobId);
        if (job != null && job.publishedNanos == UNSENT) {
            job.publishedNanos = sentNanos;
        }
    }

    /** A job that could not even be published: none of its requests was sent, so they are dropped. */
    public void jobNotPublished(String jobId) {
        OpenJob job = jobs.get(jobId);
        if (job != null) {
            drop(job, DropReason.BROKER_UNAVAILABLE, "could not be published");
        }
    }

    /** A job that never reached a worker: none of its requests was sent, so they are dropped, not lost. */
    private void drop(OpenJob job, DropReason reason, String why) {
        long remaining = job.unsent();
        LOG.warn("job {} (round {}): {} request(s) dropped: {} ({})", job.jobId, job.round.round, remaining,
                reason.label(), why);
        job.round.drop(reason, remaining);
        close(job, 0, null);
    }

    /**
     * The coordinator heard nothing for {@code gapNanos} (its bus connection was down, or its control thread
     * stalled): no acknowledgement or result could reach it, so that time does not count against any open job's result
     * grace.
     */
    public void excuse(long gapNanos) {
        for (OpenJob job : jobs.values()) {
            job.deadlineNanos += gapNanos;
        }
    }

    /**
     * The worker that acknowledges a job first is the one whose results count, however late its acknowledgement comes
     * while the job is open (a frozen broker delivers it late); later acknowledgements of the job are refused.
     *
     * @return why the acknowledgement was refused, if it was
     */
    public Optional<Refused> onAck(JobAck ack) {
        OpenJob job = open(ack.runId(), ack.jobId());
        if (job == null && closedJobOf(ack.runId(), ack.jobId(), ack.workerId())) {
            return refused(MessageRefusal.DUPLICATE, "ack of closed job " + ack.jobId() + " from " + ack.workerId());
        }
        if (job == null || ack.round() != job.round.round) {
            return refused(MessageRefusal.UNKNOWN_JOB, "ack of job " + ack.jobId() + " from " + ack.workerId());
        }
        if (job.workerId != null) {
            return job.workerId.equals(ack.workerId())
                    ? refused(MessageRefusal.DUPLICATE, "second ack of job " + ack.jobId() + " from " + ack.workerId())
                    : refused(MessageRefusal.WRONG_WORKER, "ack of job " + ack.jobId() + " from " + ack.workerId()
                            + ", acknowledged by " + job.workerId);
        }
        job.workerId = ack.workerId();
        return Optional.empty();
    }

    /**
     * Counts a delta that passes the checks ({@link OpenJob}); a final one closes its job.
     *
     * @return why the delta was refused, if it was
     */
    public Optional<Refused> onResult(JobResult result) {
        OpenJob job = open(result.runId(), result.jobId());
        if (job == null && closedJobOf(result.runId(), result.jobId(), result.workerId())) {
            return refused(MessageRefusal.DUPLICATE, "result of closed job " + result.jobId() + " from "
                    + result.workerId());
        }
        if (job == null) {
            return refused(MessageRefusal.UNKNOWN_JOB, "result of job " + result.jobId() + " from "
                    + result.workerId());
        }
        Optional<MessageRefusal> refusal = job.check(result);
        if (refusal.isPresent()) {
            return refused(refusal.get(), "result of job " + result.jobId() + " from " + result.workerId() + ": "
                    + job.refusalDetail());
        }
        job.count(result);
        job.round.stats.add(result.stats());
        job.round.changed = true;
        if (result.done()) {
            long missing = job.unreported();
            if (missing > 0) {
                LOG.warn("job {} ended with {} of {} requests unreported; counted lost", job.jobId, missing, job.requests);
            }
            close(job, missing, null);
        }
        return Optional.empty();
    }

    /**
     * A worker refused a job instead of acknowledging it. Its requests were never sent: they count as dropped when
     * the refusal says why no request could go ({@code EXPIRED}, {@code FORBIDDEN_TARGET}, {@code OVERLOADED}), as
     * lost otherwise.
     *
     * @return why the rejection was refused, if it was
     */
    public Optional<Refused> onRejected(JobRejected rejected) {
        OpenJob job = rejected.jobId() == null ? null : open(rejected.runId(), rejected.jobId());
        if (job == null) {
            return refused(MessageRefusal.UNKNOWN_JOB, "rejection of job " + rejected.jobId() + " from "
                    + rejected.workerId());
        }
        if (job.workerId != null) {
            return refused(MessageRefusal.WRONG_WORKER, "rejection of job " + rejected.jobId() + " from "
                    + rejected.workerId() + ", acknowledged by " + job.workerId);
        }
        long remaining = job.unsent();
        if (!job.round.warmup) {
            refusedByWorkers.merge(rejected.reason(), remaining, Long::sum);
        }
        Optional<DropReason> dropped = DropReason.ofRefusal(rejected.reason());
        if (dropped.isPresent()) {
            job.round.drop(dropped.get(), remaining);
            close(job, 0, null);
        } else {
            close(job, remaining, "rejected by " + rejected.workerId() + ": " + rejected.reason());
        }
        return Optional.empty();
    }

    /** Requests of the run's measured rounds that workers refused to run, by their reason. */
    public Map<RejectReason, Long> refusedByWorkers() {
        return Map.copyOf(refusedByWorkers);
    }

    /** True when {@code jobId} of this run was closed recently, acknowledged by {@code workerId}. */
    private boolean closedJobOf(String messageRunId, String jobId, String workerId) {
        return runId.equals(messageRunId) && recentlyClosed.closedBy(jobId, workerId);
    }

    private OpenJob open(String messageRunId, String jobId) {
        return runId.equals(messageRunId) ? jobs.get(jobId) : null;
    }

    private static Optional<Refused> refused(MessageRefusal reason, String detail) {
        return Optional.of(new Refused(reason, detail));
    }

    /** The worker vanished: whatever its jobs have not reported yet is lost. */
    public void workerGone(String workerId) {
        for (OpenJob job : List.copyOf(jobs.values())) {
            if (workerId.equals(job.workerId)) {
                close(job, job.unreported(), "worker " + workerId + " is gone");
            }
        }
    }

    /** Applies the timeouts at {@code nowNanos} and returns the rounds completed since the last call, in order. */
    public List<CompletedRound> sweep(long nowNanos) {
        applyTimeouts(nowNanos);
        return completed();
    }

    /**
     * Closes the jobs whose deadline plus the result grace passed at {@code nowNanos} (looks at every open job). A job
     * nobody acknowledged waits as long as one that was: a frozen broker delivers jobs and acknowledgements late.
     */
    private void applyTimeouts(long nowNanos) {
        long grace = timeouts.resultGrace().toNanos();
        for (OpenJob job : List.copyOf(jobs.values())) {
            if (nowNanos - job.deadlineNanos <= grace) {
                continue;
            }
            if (job.publishedNanos == UNSENT) {
                drop(job, DropReason.PUBLISHED_LATE, "the coordinator fell behind");
            } else if (job.workerId == null) {
                // Workers send their acknowledgement again until it is confirmed, and refuse a job past its deadline,
                // so a live worker's acknowledgement or refusal got here: no worker took the job (the broker lost it,
                // or nobody was subscribed), and none of it was sent.
                drop(job, DropReason.NOT_ACKNOWLEDGED, "no worker acknowledged it by its deadline plus "
                        + timeouts.resultGrace().toMillis() + " ms");
            } else {
                close(job, job.unreported(), "worker " + job.workerId + " never sent its final result");
            }
        }
    }

    /** The rounds completed since the last call, in order (cheap: looks only at the oldest open rounds). */
    public List<CompletedRound> completed() {
        List<CompletedRound> completed = new ArrayList<>();
        for (Iterator<OpenRound> it = rounds.values().iterator(); it.hasNext(); ) {
            OpenRound r = it.next();
            if (r.openJobs > 0) {
                break; // later rounds wait, so rounds complete in order
            }
            it.remove();
            CompletedRound round = r.close();
            if (!round.warmup()) {
                r.addDroppedBy(runDroppedBy, round.stats().outcomes().dropped());
                runStats.add(round.stats());
                runLost += round.lost();
                completedRounds++;
                if (round.notSent()) {
                    notSentRounds++;
                }
            }
            completed.add(round);
        }
        return completed;
    }

    /**
     * What each still-open round has reported since the last call, as it stands: rounds with nothing new are
     * left out. {@code planned} is the round's whole plan, the rest only what came in so far.
     */
    public List<PartialRound> partialRounds() {
        List<PartialRound> partial = new ArrayList<>();
        for (OpenRound r : rounds.values()) {
            if (r.changed && !r.warmup && r.notSentReason == null) {
                r.changed = false;
                partial.add(new PartialRound(r.round, r.rate, r.planned, r.stats.snapshot(), r.lost));
            }
        }
        return partial;
    }

    /**
     * The run's counts so far (completed rounds, warm-up excluded): cheap, for every round. {@link #totals()}
     * adds status codes and copies of the histograms.
     */
    public RunCounts counts() {
        return new RunCounts(runStats.outcomes(), runLost);
    }

    /** The run so far (completed rounds, warm-up excluded), histograms included. */
    public RunTotals totals() {
        return new RunTotals(completedRounds, notSentRounds, runStats.snapshot(), runLost, runDroppedBy);
    }

    /** True when no round is waiting for results. */
    public boolean idle() {
        return rounds.isEmpty();
    }

    public int openRounds() {
        return rounds.size();
    }

    public int openJobs() {
        return jobs.size();
    }

    private void close(OpenJob job, long lost, String why) {
        if (job.usersJob) {
            job.round.planned += job.counted + lost; // what its users started, as far as it is known
        }
        if (lost > 0) {
            job.round.lost += lost;
            if (why != null) {
                LOG.warn("job {} (round {}): {} request(s) lost: {}", job.jobId, job.round.round, lost, why);
            }
        }
        jobs.remove(job.jobId);
        if (job.workerId != null) {
            recentlyClosed.closed(job.jobId, job.workerId);
        }
        job.round.openJobs--;
    }
}
