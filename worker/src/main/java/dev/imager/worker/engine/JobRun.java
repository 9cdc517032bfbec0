package dev.imager.worker.engine;

import dev.imager.protocol.latency.LatencySnapshot;
import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.JobResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One job being run by the engine, split into lanes (one per event loop used). Thread-safe: lanes run on
 * their loops; {@link #collect} gathers their results by asking each loop for its delta, so no lock is
 * ever taken on the request path.
 */
public final class JobRun {

    private final Job job;
    private final String replyTo;
    private final String workerId;
    private final long startNanos;
    private final List<TargetAddress> targets;
    private final JobRunListener listener;
    private final List<JobLane> lanes = new ArrayList<>();
    private final AtomicInteger unfinishedLanes = new AtomicInteger();
    private volatile boolean finished;
    private int nextSeq;
    private boolean finalSent;

    JobRun(Job job, String replyTo, String workerId, long startNanos, List<TargetAddress> targets,
            JobRunListener listener) {
        this.job = job;
        this.replyTo = replyTo;
        this.workerId = workerId;
        this.startNanos = startNanos;
        this.targets = targets;
        this.listener = listener;
    }

    void addLane(JobLane lane) {
        lanes.add(lane);
        unfinishedLanes.incrementAndGet();
    }

    List<JobLane> lanes() {
        return lanes;
    }

    public Job job() {
        return job;
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
     * one thread at a time (the result streamer). The delta is marked {@code done} when the job had
     * finished before the gathering began, so it holds everything that was left.
     *
     * @return the delta, or null once the final delta has been produced
     */
    public CompletableFuture<JobResult> collect() {
        if (finalSent) {
            return CompletableFuture.completedFuture(null);
        }
        boolean done = finished;
        List<CompletableFuture<ResultDelta>> parts = new ArrayList<>(lanes.size());
        for (JobLane lane : lanes) {
            CompletableFuture<ResultDelta> part = new CompletableFuture<>();
            lane.context().loop().execute(() -> part.complete(lane.takeDelta()));
            parts.add(part);
        }
        if (done) {
            finalSent = true;
        }
        int seq = nextSeq++;
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture[0])).thenApply(ignored -> {
            ResultDelta sum = new ResultDelta();
            parts.forEach(p -> sum.add(p.join()));
            return new JobResult(job.runId(), job.round(), job.jobId(), workerId, seq, sum.outcomeCounts(),
                    sum.statusCodes(), sum.bytesReceived(), LatencySnapshot.copyOf(sum.latency()),
                    LatencySnapshot.copyOf(sum.serviceTime()), LatencySnapshot.copyOf(sum.sendLag()), done);
        });
    }

    /** Stops firing: requests not yet due are counted dropped; those in flight complete or time out. */
    public void cancel() {
        for (JobLane lane : lanes) {
            lane.context().loop().execute(lane::cancel);
        }
    }
}
