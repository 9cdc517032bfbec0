package dev.imager.protocol.process;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands work from the bus's threads to a process's control thread, with a bound on what may wait. A single-thread
 * executor's queue has none: a flood of messages, each queuing a task, would grow it until the process runs out of
 * memory. Past the bound a task is refused ({@link #offer} returns false) and the caller counts what it drops.
 * Thread-safe.
 */
public final class BoundedHandOff {

    private final Executor target;
    private final int maxPending;
    private final AtomicInteger pending = new AtomicInteger();

    /**
     * @param target runs the tasks (the control thread's executor)
     * @param maxPending most tasks handed over and not yet finished
     */
    public BoundedHandOff(Executor target, int maxPending) {
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be >= 1, got " + maxPending);
        }
        this.target = target;
        this.maxPending = maxPending;
    }

    /** Queues {@code task} for the control thread; false when {@code maxPending} tasks wait already (or it stopped). */
    public boolean offer(Runnable task) {
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            return false;
        }
        try {
            target.execute(() -> {
                try {
                    task.run();
                } finally {
                    pending.decrementAndGet();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            return false;
        }
    }

    /** Tasks handed over and not yet finished. */
    public int pending() {
        return pending.get();
    }
}
