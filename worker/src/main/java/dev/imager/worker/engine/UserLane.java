package dev.imager.worker.engine;

import dev.imager.protocol.message.Outcome;
import dev.imager.protocol.message.UsersJob;
import java.util.concurrent.TimeUnit;

/**
 * The virtual users of one closed-model job that one event loop runs: users {@code first}, {@code first + stride},
 * ... Each user is a chain on the loop: start a request, and when it ends (response, error, timeout, or dropped),
 * record it and start the next after the think time; no request starts at or after the span's end, and the lane
 * is finished once every user has stopped and nothing it started is in flight. Event-loop confined.
 *
 * <p>A request's planned instant is the moment its user starts it, so its latency is the user's wait from then on:
 * service time plus any wait for a connection. No coordinated-omission correction applies: in a closed model a slow
 * response delays the user's next request, which is the model.
 *
 * <p>A request that gets no in-flight slot or connection at once is dropped; its user then pauses for its think time,
 * and at least {@link #DROPPED_PAUSE_NANOS}, before trying again, so that a saturated worker does not spin.
 */
final class UserLane extends RequestLane {

    /** Shortest pause of a user whose request was dropped. */
    static final long DROPPED_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final UsersJob job;
    private final int first;
    private final int stride;
    private final long spanEndNanos;
    private final long thinkNanos;
    /** Requests started by each of this lane's users (index: user / stride). */
    private final int[] startedBy;
    /** True while a user waits (thinks) for its next start; cleared when it starts or the lane is cancelled. */
    private final boolean[] waiting;
    /** This loop's pool for each of the job's targets, looked up on first use. */
    private final TargetPool[] pools;
    /** Users still running: a request in flight or a start pending. */
    private int activeUsers;
    private boolean cancelled;
    private boolean launched;
    private boolean finishedReported;

    UserLane(JobRun run, LoopContext context, UsersJob job, int first, int stride, long spanEndNanos) {
        super(run, context, job.timeoutMillis(), job.maxRedirects(), job.httpVersion());
        this.job = job;
        this.first = first;
        this.stride = stride;
        this.spanEndNanos = spanEndNanos;
        this.thinkNanos = job.thinkTimeMicros() * 1_000L;
        int users = (job.users() - first + stride - 1) / stride;
        this.startedBy = new int[users];
        this.waiting = new boolean[users];
        this.pools = new TargetPool[run.targetCount()];
    }

    /** Waits for the job's start, then starts every user of the lane. */
    @Override
    public void run() {
        if (launched) {
            return;
        }
        long wait = run.startNanos() - System.nanoTime();
        if (wait > 0) {
            context.loop().schedule(this, wait, TimeUnit.NANOSECONDS);
            return;
        }
        launched = true;
        activeUsers = startedBy.length;
        for (int slot = 0; slot < startedBy.length && !cancelled; slot++) {
            start(slot);
        }
        reportIfFinished();
    }

    /** Starts user {@code slot}'s next request, or stops the user when the span is over. */
    private void start(int slot) {
        waiting[slot] = false;
        long now = System.nanoTime();
        if (cancelled || now >= spanEndNanos) {
            activeUsers--;
            return;
        }
        int user = first + slot * stride;
        int k = startedBy[slot]++;
        int template = (int) ((user + (long) k) % job.requests().size());
        int t = (int) ((user + (long) k) % pools.length);
        TargetAddress target = run.target(t);
        if (pools[t] == null || pools[t].isRetired()) {
            pools[t] = context.pool(target, job.httpVersion());
        }
        PendingRequest request = new PendingRequest(this, slot, now, target, pools[t], job.requests().get(template));
        if (pools[t] == null) {
            context.drop(request); // this loop keeps as many pools as it may
        } else {
            context.fire(request);
        }
        track(request);
    }

    @Override
    void finished(PendingRequest request, Outcome outcome, long nowNanos) {
        record(request, outcome, nowNanos);
        int slot = request.index;
        long now = outcome == Outcome.DROPPED ? System.nanoTime() : nowNanos;
        long pause = outcome == Outcome.DROPPED ? Math.max(thinkNanos, DROPPED_PAUSE_NANOS) : thinkNanos;
        if (cancelled || now + pause >= spanEndNanos) {
            activeUsers--;
            reportIfFinished();
            return;
        }
        waiting[slot] = true;
        // Never start the next request from inside this call: it may come from a pool or a channel handler.
        if (pause == 0) {
            context.loop().execute(() -> resume(slot));
        } else {
            context.loop().schedule(() -> resume(slot), pause, TimeUnit.NANOSECONDS);
        }
    }

    private void resume(int slot) {
        if (!waiting[slot]) {
            return; // cancelled while thinking: already stopped
        }
        start(slot);
        reportIfFinished();
    }

    /** Stops every user: those thinking stop now, those with a request in flight when it ends. */
    @Override
    void cancel() {
        cancelled = true;
        if (!launched) {
            launched = true;
            activeUsers = 0;
        }
        for (int slot = 0; slot < waiting.length; slot++) {
            if (waiting[slot]) {
                waiting[slot] = false;
                activeUsers--;
            }
        }
        reportIfFinished();
    }

    private void reportIfFinished() {
        if (launched && activeUsers == 0 && !finishedReported) {
            finishedReported = true;
            run.laneFinished();
        }
    }
}
