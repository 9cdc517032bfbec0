package dev.imager.worker.engine;

import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.Outcome;

/**
 * The share of one job that one event loop fires: requests {@code first}, {@code first + stride}, ...
 * Event-loop confined.
 *
 * <p>Requests fire at absolute instants computed from the job's start ({@code startNanos + offset}), never by
 * accumulating sleeps: the lane is woken by its loop's {@link Pacer} once its next request is due, fires everything
 * due, and asks to be woken for the next. A busy loop therefore shows up as send lag, never as a slower rate.
 */
final class JobLane extends RequestLane {

    private final Job job;
    private final int stride;
    private int next;
    private int remaining;
    private boolean finishedReported;
    /** This loop's pool for each of the job's targets, looked up on first use. */
    private final TargetPool[] pools;
    /** While waiting for the {@link Pacer}: the planned instant of the next request, and when to be woken. */
    private long nextDueNanos;
    private long wakeAtNanos;

    JobLane(JobRun run, LoopContext context, int first, int stride) {
        super(run, context, run.job().timeoutMillis(), run.job().maxRedirects(), run.job().httpVersion());
        this.job = run.job();
        this.stride = stride;
        this.next = first;
        this.remaining = (job.size() - first + stride - 1) / stride;
        this.pools = new TargetPool[run.targetCount()];
    }

    /** Fires every request that is due, then sleeps until the next one is. */
    @Override
    public void run() {
        int size = job.size();
        long timeoutNanos = timeoutNanos();
        long now = System.nanoTime();
        int firedSinceClockRead = 0;
        while (next < size) {
            long due = run.plannedNanos(next);
            if (due > now) {
                if (firedSinceClockRead > 0) {
                    now = System.nanoTime();
                    firedSinceClockRead = 0;
                    continue;
                }
                nextDueNanos = due;
                wakeAtNanos = coalescedWake(due);
                context.pacer().wake(this);
                return;
            }
            int index = next;
            next += stride;
            int t = index % pools.length;
            if (pools[t] == null || pools[t].isRetired()) {
                pools[t] = context.pool(run.target(index), job.httpVersion());
            }
            PendingRequest request = new PendingRequest(this, index, due, run.target(index), pools[t],
                    job.requests().get(index));
            if (pools[t] == null) {
                context.drop(request); // this loop keeps as many pools as it may
            } else if (now - due >= timeoutNanos) {
                context.drop(request); // past its timeout already (a job delivered late): never sent late
            } else {
                context.fire(request);
            }
            track(request);
            firedSinceClockRead++;
        }
        reportIfFinished();
    }

    @Override
    void finished(PendingRequest request, Outcome outcome, long nowNanos) {
        record(request, outcome, nowNanos);
        remaining--;
        reportIfFinished();
    }

    /** Stops firing: every request not yet due is counted dropped; requests in flight still complete. */
    @Override
    void cancel() {
        int size = job.size();
        if (next < size) {
            int unsent = (size - next + stride - 1) / stride;
            countDropped(unsent);
            remaining -= unsent;
            next = size;
        }
        reportIfFinished();
    }

    private void reportIfFinished() {
        if (remaining == 0 && next >= job.size() && !finishedReported) {
            finishedReported = true;
            run.laneFinished();
        }
    }

    long nextDueNanos() {
        return nextDueNanos;
    }

    long wakeAtNanos() {
        return wakeAtNanos;
    }

    /** The last of this lane's planned instants within {@link Pacer#COALESCE_NANOS} of {@code due} (its next). */
    private long coalescedWake(long due) {
        long wake = due;
        int size = job.size();
        for (int i = next + stride; i < size; i += stride) {
            long planned = run.plannedNanos(i);
            if (planned - due > Pacer.COALESCE_NANOS) {
                break;
            }
            wake = planned;
        }
        return wake;
    }
}
