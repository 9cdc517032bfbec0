package dev.imager.sumservice;

import java.util.ArrayDeque;

/**
 * Makes {@code /sum} behave like a server with a fixed capacity, so the adaptive load search has a known
 * answer to find: at most {@code concurrency} requests are served at once, each takes exactly
 * {@code serviceTime}, and the rest wait in one FIFO queue. Capacity is therefore
 * {@code concurrency / serviceTime} requests per second (C × 1000 / S with S in ms, see
 * {@link SumServiceConfig#capacityRps()}); below it latency is
 * S, above it the queue and the latency grow without bound until the queue bound answers 503.
 *
 * <p>Service is a scheduled completion, never a blocking sleep: no thread is held while a request is
 * "served", so thousands can wait at the cost of a queue entry each.
 *
 * <p><b>Drift-free timing.</b> A slot freed by a completion due at instant D starts the next waiting request
 * at D, not at whenever the timer actually fired (timers fire late by scheduling jitter). Each slot thus
 * works back to back on the ideal timeline, and under saturation the long-run throughput is exactly the
 * capacity rather than {@code C / (S + jitter)}. A request that arrives after D starts at its arrival.
 *
 * <p><b>Concurrency invariant.</b> All mutable state ({@code busy}, {@code waiting}) is confined to the
 * {@link SimulationScheduler}'s single thread: {@link #submit} only hands the request over with
 * {@link SimulationScheduler#execute}, and completions are tasks scheduled on that same thread. The
 * callbacks run on that thread too, so callers must hop back to their own thread (the channel's event loop)
 * before touching channel state. The two gauges are volatile copies written only by that thread, so
 * {@code /metrics} may read them from any thread.
 */
public final class CapacitySimulator {

    /** What the simulator reports back about one submitted request. */
    public interface Callback {
        /** The request's service time has elapsed: answer it now. */
        void served();

        /** The queue was full: answer 503. */
        void rejected();
    }

    private final int concurrency;
    private final long serviceTimeNanos;
    private final int maxQueue;
    private final SimulationScheduler scheduler;

    // Confined to the scheduler's thread.
    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    private int busy;

    // Written by the scheduler's thread only; read by anyone.
    private volatile int inflightGauge;
    private volatile int queueDepthGauge;

    /**
     * @param concurrency requests served at once (C), positive
     * @param serviceTimeNanos time each request takes (S), positive
     * @param maxQueue waiting requests beyond which new ones are rejected, positive
     * @param scheduler the single thread, clock and timers the simulator runs on
     */
    public CapacitySimulator(int concurrency, long serviceTimeNanos, int maxQueue, SimulationScheduler scheduler) {
        if (concurrency <= 0 || serviceTimeNanos <= 0 || maxQueue <= 0) {
            throw new IllegalArgumentException("concurrency, service time and queue bound must be positive: "
                    + concurrency + ", " + serviceTimeNanos + " ns, " + maxQueue);
        }
        this.concurrency = concurrency;
        this.serviceTimeNanos = serviceTimeNanos;
        this.maxQueue = maxQueue;
        this.scheduler = scheduler;
    }

    /** Simulated requests being served right now. */
    public int inflight() {
        return inflightGauge;
    }

    /** Simulated requests waiting for a slot right now. */
    public int queueDepth() {
        return queueDepthGauge;
    }

    /**
     * Enqueues one request; callable from any thread. Exactly one of the callback's methods runs later, on
     * the scheduler's thread. Its arrival time is taken when the scheduler's thread picks it up.
     */
    public void submit(Callback callback) {
        scheduler.execute(() -> arrive(callback));
    }

    private void arrive(Callback callback) {
        long now = scheduler.nanoTime();
        if (busy < concurrency) {
            busy++;
            startService(callback, now, now);
        } else if (waiting.size() < maxQueue) {
            waiting.addLast(new Request(callback, now));
        } else {
            callback.rejected();
        }
        publishGauges();
    }

    /** Occupies a slot from {@code start} (possibly in the past, see drift-free timing) for one service time. */
    private void startService(Callback callback, long start, long now) {
        long due = start + serviceTimeNanos;
        scheduler.schedule(() -> complete(callback, due), due - now);
    }

    private void complete(Callback callback, long due) {
        Request next = waiting.pollFirst();
        if (next == null) {
            busy--;
        } else {
            // The slot passes straight to the next request, starting when this one was due (or when the
            // next one arrived, if later), never when the timer happened to fire.
            startService(next.callback(), Math.max(due, next.arrivalNanos()), scheduler.nanoTime());
        }
        publishGauges();
        callback.served();
    }

    private void publishGauges() {
        inflightGauge = busy;
        queueDepthGauge = waiting.size();
    }

    /** A request waiting for a slot, with the instant it arrived. */
    private record Request(Callback callback, long arrivalNanos) {
    }
}
