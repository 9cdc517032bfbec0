package dev.imager.worker.engine;

import dev.imager.protocol.message.RequestStatsRecorder;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The result recorders one event loop's lanes record into, kept from one job to the next. A recorder's
 * histograms auto-resize: a fresh one grows on the event loop at its first large value (HdrHistogram grows by
 * catching an {@link ArrayIndexOutOfBoundsException}, whose stack trace the JVM fills in, and copying its counts),
 * and a job used to start two fresh recorders per lane. Recycled across jobs, recorders stay at the size they grew
 * to, so after the first jobs the loop neither allocates nor grows histograms to record.
 *
 * <p>Lanes are built on the thread that prepares a job and take their first recorder there; they give recorders
 * back on their loop: hence a thread-safe queue (a short lock, a few times per job, never per request). Bounded by
 * {@link #MAX_SPARES}: a spare recorder holds its grown histograms (tens of kilobytes each) for as long as it is kept.
 */
final class RecorderPool {

    /** Most recorders kept aside per loop; enough for the jobs of one second at tens of thousands of requests. */
    static final int MAX_SPARES = 32;

    private final ArrayBlockingQueue<RequestStatsRecorder> spares = new ArrayBlockingQueue<>(MAX_SPARES);
    /**
     * Where a retired lane records what still happens after its job's final delta (nothing is sent for it, as before
     * there was a pool): event-loop confined, never handed over, never read.
     */
    private final RequestStatsRecorder discard = new RequestStatsRecorder();

    /** An empty recorder: a spare when there is one, else a new one. Any thread. */
    RequestStatsRecorder take() {
        RequestStatsRecorder spare = spares.poll();
        return spare != null ? spare : new RequestStatsRecorder();
    }

    /** Empties {@code used} and keeps it for a later {@link #take()}, unless enough are kept. On the loop only. */
    void giveBack(RequestStatsRecorder used) {
        used.reset();
        spares.offer(used);
    }

    /** The recorder of retired lanes (see {@link #discard}). On the loop only. */
    RequestStatsRecorder discard() {
        return discard;
    }

    /** Spare recorders kept now (for tests). */
    int spares() {
        return spares.size();
    }
}
