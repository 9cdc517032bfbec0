package dev.imager.worker.engine;

import dev.imager.protocol.message.HttpVersionChoice;
import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.Outcome;
import dev.imager.protocol.message.RequestStatsRecorder;
import dev.imager.protocol.message.RequestSpec;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The share of one job that one event loop fires: requests {@code first}, {@code first + stride}, ...
 * Event-loop confined.
 *
 * <p>Requests fire at absolute instants computed from the job's start ({@code startNanos + offset}), never by
 * accumulating sleeps: the lane is woken by its loop's {@link Pacer} once its next request is due, fires everything
 * due, and asks to be woken for the next. A busy loop therefore shows up as send lag, never as a slower rate.
 */
final class JobLane implements Runnable {

    private final JobRun run;
    private final LoopContext context;
    private final Job job;
    private final int stride;
    private final long timeoutNanos;
    private int next;
    private int remaining;
    private boolean finishedReported;
    private RequestStatsRecorder delta = new RequestStatsRecorder();
    private RequestStatsRecorder spare;
    /**
     * Requests accepted and not yet known to be finished, in planned order. All have the same timeout, so
     * their deadlines come in the same order: one timer at the oldest deadline serves the whole lane,
     * instead of a scheduled task per request.
     */
    private final ArrayDeque<PendingRequest> inFlight = new ArrayDeque<>();
    /** This loop's pool for each of the job's targets, looked up on first use. */
    private final TargetPool[] pools;
    private boolean timeoutCheckScheduled;
    /** While waiting for the {@link Pacer}: the planned instant of the next request, and when to be woken. */
    private long nextDueNanos;
    private long wakeAtNanos;

    JobLane(JobRun run, LoopContext context, int first, int stride) {
        this.run = run;
        this.context = context;
        this.job = run.job();
        this.stride = stride;
        this.next = first;
        this.remaining = (job.size() - first + stride - 1) / stride;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(job.timeoutMillis());
        this.pools = new TargetPool[run.targetCount()];
    }

    LoopContext context() {
        return context;
    }

    /** Redirects each request may follow (0: a 3xx is the response). */
    int maxRedirects() {
        return job.maxRedirects();
    }

    HttpVersionChoice httpVersion() {
        return job.httpVersion();
    }

    /** Fires every request that is due, then sleeps until the next one is. */
    @Override
    public void run() {
        int size = job.size();
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
            if (!request.finished) {
                inFlight.addLast(request);
                if (!timeoutCheckScheduled) {
                    scheduleTimeoutCheck();
                }
            }
            firedSinceClockRead++;
        }
        reportIfFinished();
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

    /** Records the actual write of a request. */
    void sent(PendingRequest request) {
        delta.sendLagMicros((request.sentNanos - request.plannedNanos) / 1_000);
    }

    /** Records the redirect response of a request that goes on to its {@code Location}. */
    void redirected(PendingRequest request) {
        delta.response(request.protocol, request.status);
    }

    /** Records the one outcome of a request; {@code nowNanos} is ignored for {@link Outcome#DROPPED}. */
    void finished(PendingRequest request, Outcome outcome, long nowNanos) {
        delta.count(outcome);
        if (outcome != Outcome.DROPPED) {
            delta.latencyMicros((nowNanos - request.plannedNanos) / 1_000);
            if (request.sentNanos != 0) {
                delta.serviceTimeMicros((nowNanos - request.sentNanos) / 1_000);
            }
            if (request.status != 0) {
                delta.response(request.protocol, request.status);
            }
            delta.bytes(request.bodyBytes);
        }
        remaining--;
        while (!inFlight.isEmpty() && inFlight.peekFirst().finished) {
            inFlight.pollFirst();
        }
        reportIfFinished();
    }

    private void scheduleTimeoutCheck() {
        PendingRequest oldest = inFlight.peekFirst();
        if (oldest == null) {
            return;
        }
        timeoutCheckScheduled = true;
        long delay = oldest.plannedNanos + timeoutNanos - System.nanoTime();
        context.loop().schedule(this::checkTimeouts, Math.max(0, delay), TimeUnit.NANOSECONDS);
    }

    private void checkTimeouts() {
        timeoutCheckScheduled = false;
        long now = System.nanoTime();
        PendingRequest oldest;
        while ((oldest = inFlight.peekFirst()) != null) {
            if (oldest.finished) {
                inFlight.pollFirst();
            } else if (oldest.plannedNanos + timeoutNanos <= now) {
                inFlight.pollFirst();
                context.timeOut(oldest);
            } else {
                break;
            }
        }
        scheduleTimeoutCheck();
    }

    /**
     * Hands over the results recorded since the last call and starts a new delta, reusing the one handed
     * back through {@link #recycle} when there is one: its histograms keep the size they grew to.
     */
    RequestStatsRecorder takeDelta() {
        RequestStatsRecorder taken = delta;
        delta = spare != null ? spare : new RequestStatsRecorder();
        spare = null;
        return taken;
    }

    /** Takes back a delta the collector is done with, to record the next one into. */
    void recycle(RequestStatsRecorder used) {
        used.reset();
        spare = used;
    }

    /** Stops firing: every request not yet due is counted dropped; requests in flight still complete. */
    void cancel() {
        int size = job.size();
        if (next < size) {
            int unsent = (size - next + stride - 1) / stride;
            delta.count(Outcome.DROPPED, unsent);
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
}
