package dev.imager.worker.engine;

import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.message.RequestStatsRecorder;
import dev.imager.protocol.message.UsersJob;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One job being run by the engine (an open-model {@link Job} or a closed-model {@link UsersJob}), split into lanes
 * (one per event loop used). Lanes run on their loops;
 * {@link #collect} gathers their results by asking each loop for its delta, so no lock is ever taken on the
 * request path. Created by {@link HttpEngine#prepare}, started by {@link #launch()}.
 */
public final class JobRun {

    private final String runId;
    private final long round;
    private final String jobId;
    private final long timeoutMillis;
    /** The open-model job; null for a closed-model one. */
    private final Job job;
    private final String replyTo;
    private final String workerId;
    private final long startNanos;
    private final List<TargetAddress> targets;
    private final JobRunListener listener;
    private final List<RequestLane> lanes = new ArrayList<>();
    private final AtomicInteger unfinishedLanes = new AtomicInteger();
    private volatile boolean finished;
    private int nextSeq;
    private boolean finalSent;
    /** Per lane, a hand-over asked for and not received yet (its loop did not answer in time); else null. */
    private final List<CompletableFuture<RequestStatsRecorder>> handOvers = new ArrayList<>();
    /** What the lanes handed over for the delta being gathered; kept when a gathering times out, so nothing is lost. */
    private RequestStatsRecorder gathered;

    JobRun(Job job, String replyTo, String workerId, long startNanos, List<TargetAddress> targets,
            JobRunListener listener) {
        this(job.runId(), job.round(), job.jobId(), job.timeoutMillis(), job, replyTo, workerId, startNanos, targets,
                listener);
    }

    JobRun(UsersJob users, String replyTo, String workerId, long startNanos, List<TargetAddress> targets,
            JobRunListener listener) {
        this(users.runId(), users.round(), users.jobId(), users.timeoutMillis(), null, replyTo, workerId, startNanos,
                targets, listener);
    }

    private JobRun(String runId, long round, String jobId, long timeoutMillis, Job job, String replyTo,
            String workerId, long startNanos, List<TargetAddress> targets, JobRunListener listener) {
        this.runId = runId;
        this.round = round;
        this.jobId = jobId;
        this.timeoutMillis = timeoutMillis;
        this.job = job;
        this.replyTo = replyTo;
        this.workerId = workerId;
        this.startNanos = startNanos;
        this.targets = targets;
        this.listener = listener;
    }

    void addLane(RequestLane lane) {
        lanes.add(lane);
        handOvers.add(null);
        unfinishedLanes.incrementAndGet();
    }

    List<RequestLane> lanes() {
        return lanes;
    }

    /** The open-model job; null when this runs a closed-model {@link UsersJob}. */
    Job job() {
        return job;
    }

    public String runId() {
        return runId;
    }

    public String jobId() {
        return jobId;
    }

    /** The job's per-request timeout. */
    public long timeoutMillis() {
        return timeoutMillis;
    }

    /** Monotonic instant the job starts at. */
    long startNanos() {
        return startNanos;
    }

    /** The subject results go to (the job message's reply-to). */
    public String replyTo() {
        return replyTo;
    }

    /** Monotonic instant of request {@code index}. */
    long plannedNanos(int index) {
        return startNanos + job.offsetMicros(index) * 1_000L;
    }

    TargetAddress target(int index) {
        return targets.get(index % targets.size());
    }

    /** How many targets the job's requests go to, round-robin by index. */
    int targetCount() {
        return targets.size();
    }

    /** Starts firing. Call once, after registering the run wherever {@link JobRunListener} looks for it. */
    public void launch() {
        for (RequestLane lane : lanes) {
            lane.context().loop().execute(lane);
        }
    }

    void laneFinished() {
        if (unfinishedLanes.decrementAndGet() == 0) {
            finished = true;
            listener.jobFinished(this);
        }
    }

    /** True once every request has an outcome (the final delta may still be unsent). */
    public boolean isFinished() {
        return finished;
    }

    /**
     * Gathers what every lane recorded since the last call, as the next {@link JobResult} delta. Call from
     * one thread at a time (the result streamer); it waits briefly for each event loop to hand over its
     * share. The delta is {@code done} when the job had finished before the gathering began, so it holds
     * everything that was left.
     *
     * @param skipEmpty return null instead of a delta in which nothing happened (unless it is the final one)
     * @return the delta; null after the final delta, or when skipped
     * @throws IllegalStateException when an event loop does not answer within {@code timeout}; nothing is lost then:
     *     what was handed over, and the hand-over still awaited, go into the next call's delta
     */
    public JobResult collect(Duration timeout, boolean skipEmpty) {
        if (finalSent) {
            return null;
        }
        boolean done = finished;
        if (gathered == null) {
            gathered = new RequestStatsRecorder();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < lanes.size(); i++) {
            RequestLane lane = lanes.get(i);
            boolean fresh;
            do {
                // A hand-over asked for by an earlier call (which timed out) holds only what was recorded before
                // it: then one more is asked for, so that a final delta holds everything.
                CompletableFuture<RequestStatsRecorder> part = handOvers.get(i);
                fresh = part == null;
                if (fresh) {
                    part = askHandOver(lane);
                    handOvers.set(i, part);
                }
                RequestStatsRecorder taken = await(part, deadline);
                handOvers.set(i, null);
                gathered.add(taken);
                lane.context().loop().execute(() -> lane.recycle(taken));
            } while (!fresh);
        }
        if (skipEmpty && !done && gathered.isEmpty()) {
            return null;
        }
        if (done) {
            // Every lane handed its last delta over: their recorders go back to their loops for later jobs.
            for (RequestLane lane : lanes) {
                retire(lane);
            }
        }
        finalSent = done;
        RequestStatsRecorder sum = gathered;
        gathered = null;
        return new JobResult(runId, round, jobId, workerId, nextSeq++, sum.handOver(), done);
    }

    private static void retire(RequestLane lane) {
        try {
            lane.context().loop().execute(lane::retire);
        } catch (RejectedExecutionException e) {
            // The engine is closing: its recorders go with it.
        }
    }

    private CompletableFuture<RequestStatsRecorder> askHandOver(RequestLane lane) {
        CompletableFuture<RequestStatsRecorder> part = new CompletableFuture<>();
        try {
            lane.context().loop().execute(() -> part.complete(lane.takeDelta()));
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("event loop did not take the hand-over of " + jobId, e);
        }
        return part;
    }

    private RequestStatsRecorder await(CompletableFuture<RequestStatsRecorder> part, long deadline) {
        try {
            return part.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while collecting results of " + jobId, e);
        } catch (ExecutionException | TimeoutException e) {
            // The hand-over stays asked for, and what other lanes handed over stays gathered: the next call gets both.
            throw new IllegalStateException("event loop did not hand over results of " + jobId + " in time", e);
        }
    }

    /** Stops firing: requests not yet due are counted dropped; those in flight complete or time out. */
    public void cancel() {
        for (RequestLane lane : lanes) {
            lane.context().loop().execute(lane::cancel);
        }
    }
}
