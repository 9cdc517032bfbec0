package dev.imager.sumservice;

import java.util.PriorityQueue;

/**
 * A {@link SimulationScheduler} in virtual time for deterministic tests: the test thread is the scheduler
 * thread, {@link #execute} runs at once, and timers fire only inside {@link #advanceTo}, each
 * {@code lateness} nanoseconds after its due time, as real timers fire late by scheduling jitter.
 */
final class ManualScheduler implements SimulationScheduler {

    private record Timer(long fireAt, long sequence, Runnable task) {
    }

    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            (x, y) -> x.fireAt != y.fireAt ? Long.compare(x.fireAt, y.fireAt) : Long.compare(x.sequence, y.sequence));
    private final long lateness;
    private long now;
    private long sequence;

    ManualScheduler(long latenessNanos) {
        this.lateness = latenessNanos;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public void schedule(Runnable task, long delayNanos) {
        timers.add(new Timer(now + Math.max(0, delayNanos) + lateness, sequence++, task));
    }

    /** Moves the clock to {@code time}, firing every timer due by then in order, with the clock at its firing time. */
    void advanceTo(long time) {
        while (!timers.isEmpty() && timers.peek().fireAt <= time) {
            Timer timer = timers.poll();
            now = Math.max(now, timer.fireAt);
            timer.task.run();
        }
        now = Math.max(now, time);
    }

    int pendingTimers() {
        return timers.size();
    }
}
