package dev.imager.worker.engine;

import dev.imager.protocol.message.HttpVersionChoice;
import dev.imager.protocol.message.Outcome;
import dev.imager.protocol.message.RequestStatsRecorder;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The share of one job that one event loop runs, as the loop's pools and its {@link JobRun} see it: where a request's
 * events are recorded, how its timeout is kept, and how its results are handed over. The open model's {@link JobLane}
 * fires requests at planned instants; the closed model's {@link UserLane} runs virtual users. Event-loop confined.
 */
abstract class RequestLane implements Runnable {

    final JobRun run;
    final LoopContext context;
    private final long timeoutNanos;
    private final int maxRedirects;
    private final HttpVersionChoice httpVersion;
    private RequestStatsRecorder delta;
    private RequestStatsRecorder spare;
    /**
     * Requests accepted and not yet known to be finished, in planned order. All have the same timeout, so
     * their deadlines come in the same order: one timer at the oldest deadline serves the whole lane,
     * instead of a scheduled task per request.
     */
    private final ArrayDeque<PendingRequest> inFlight = new ArrayDeque<>();
    private boolean timeoutCheckScheduled;

    RequestLane(JobRun run, LoopContext context, long timeoutMillis, int maxRedirects, HttpVersionChoice httpVersion) {
        this.run = run;
        this.context = context;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.maxRedirects = maxRedirects;
        this.httpVersion = httpVersion;
        this.delta = context.recorders().take();
    }

    final LoopContext context() {
        return context;
    }

    /** Redirects each request may follow (0: a 3xx is the response). */
    final int maxRedirects() {
        return maxRedirects;
    }

    final HttpVersionChoice httpVersion() {
        return httpVersion;
    }

    final long timeoutNanos() {
        return timeoutNanos;
    }

    /** Records the one outcome of a request; {@code nowNanos} is ignored for {@link Outcome#DROPPED}. */
    abstract void finished(PendingRequest request, Outcome outcome, long nowNanos);

    /** Stops starting requests; those in flight still complete or time out. */
    abstract void cancel();

    /** Records the actual write of a request. */
    final void sent(PendingRequest request) {
        delta.sendLagMicros((request.sentNanos - request.plannedNanos) / 1_000);
    }

    /** Records the redirect response of a request that goes on to its {@code Location}. */
    final void redirected(PendingRequest request) {
        delta.response(request.protocol, request.status);
    }

    /** Counts {@code count} requests dropped without a {@link PendingRequest}. */
    final void countDropped(int count) {
        delta.count(Outcome.DROPPED, count);
    }

    /** Records the outcome of {@code request} in the delta and forgets the finished requests at the queue's head. */
    final void record(PendingRequest request, Outcome outcome, long nowNanos) {
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
        while (!inFlight.isEmpty() && inFlight.peekFirst().finished) {
            inFlight.pollFirst();
        }
    }

    /**
     * Keeps the deadline of a request just fired, unless it already ended. Requests must be tracked in the order of
     * their planned instants.
     */
    final void track(PendingRequest request) {
        if (!request.finished) {
            inFlight.addLast(request);
            if (!timeoutCheckScheduled) {
                scheduleTimeoutCheck();
            }
        }
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
     * back through {@link #recycle} when there is one, else one of the loop's spares: their histograms keep the
     * size they grew to.
     */
    final RequestStatsRecorder takeDelta() {
        RequestStatsRecorder taken = delta;
        delta = spare != null ? spare : context.recorders().take();
        spare = null;
        return taken;
    }

    /** Takes back a delta the collector is done with, to record the next one into. */
    final void recycle(RequestStatsRecorder used) {
        used.reset();
        spare = used;
    }

    /**
     * The job's final delta was taken from every lane (after this lane's last {@link #recycle}): no delta is taken
     * from this lane again, so its recorders go back to the loop for later jobs, and whatever this lane would still
     * record goes to the loop's discard recorder (nothing after the final delta is ever sent).
     */
    final void retire() {
        RecorderPool pool = context.recorders();
        if (spare != null) {
            pool.giveBack(spare);
            spare = null;
        }
        pool.giveBack(delta);
        delta = pool.discard();
    }
}
