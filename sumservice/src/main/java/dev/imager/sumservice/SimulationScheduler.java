package dev.imager.sumservice;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The single thread the {@link CapacitySimulator} lives on, with its clock and timers.
 *
 * <p>A seam so the simulator's queueing logic can be driven in virtual time by a test, and by one Netty
 * {@link EventExecutor} in production. Implementations must run every task, immediate or scheduled, on one
 * and the same thread, in submission order for immediate tasks: the simulator relies on that for its
 * confinement.
 */
public interface SimulationScheduler {

    /** Monotonic time in nanoseconds, comparable with itself only. */
    long nanoTime();

    /** Runs {@code task} on the scheduler's thread soon; callable from any thread. */
    void execute(Runnable task);

    /**
     * Runs {@code task} on the scheduler's thread once {@code delayNanos} have passed (at once when the
     * delay is zero or negative). Called only from the scheduler's thread.
     */
    void schedule(Runnable task, long delayNanos);

    /** A scheduler backed by one Netty executor, e.g. a {@code DefaultEventExecutor} (a single thread). */
    static SimulationScheduler on(EventExecutor executor) {
        return new SimulationScheduler() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void execute(Runnable task) {
                executor.execute(task);
            }

            @Override
            public void schedule(Runnable task, long delayNanos) {
                executor.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
            }
        };
    }
}
