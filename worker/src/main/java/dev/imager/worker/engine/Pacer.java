package dev.imager.worker.engine;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One timer per event loop for every lane waiting for its next due request. Each wake-up costs a scheduled task,
 * a timer syscall and a sleep; a timer per lane and per due instant woke the loop thousands of times a second.
 *
 * <p>Wake-ups are coalesced within {@link #COALESCE_NANOS}: a lane asks to be woken at the last of its own instants
 * within that window of its next one (so those requests go out in one wake-up), and a wake-up already armed at most
 * that late for a lane's next instant serves it too. Nothing is ever sent early: a woken lane sends only what is
 * due, and each request's send lag is measured from its own planned instant, so the coalescing shows in the send-lag
 * histogram as the lateness it is (at most {@link #COALESCE_NANOS} on an idle loop). Event-loop confined.
 */
final class Pacer {

    /** How much later than its planned instant a request may be woken to share a wake-up with later ones. */
    static final long COALESCE_NANOS = 50_000;

    private final EventLoop loop;
    private final Runnable tick = this::tick;
    private final List<JobLane> waiting = new ArrayList<>();
    /** The lanes one tick runs (kept to reuse its array). */
    private final List<JobLane> due = new ArrayList<>();
    private ScheduledFuture<?> timer;
    private long armedAt;
    private boolean ticking;

    Pacer(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * Wakes {@code lane} (calls its {@code run()}) once its next request is due: no earlier than
     * {@code lane.nextDueNanos()}, and, on an idle loop, no later than {@code lane.wakeAtNanos()}, which is within
     * {@link #COALESCE_NANOS} of it.
     */
    void wake(JobLane lane) {
        waiting.add(lane);
        if (ticking) {
            return; // the tick arms the timer for everyone once the due lanes have run
        }
        if (timer != null) {
            if (armedAt <= lane.nextDueNanos() + COALESCE_NANOS) {
                return; // the armed wake-up is soon enough: the lane shares it
            }
            timer.cancel(false);
        }
        arm(lane.wakeAtNanos());
    }

    private void tick() {
        timer = null;
        ticking = true;
        try {
            long now = System.nanoTime();
            // The due lanes leave the list before they run: one with more to send registers again from run().
            int kept = 0;
            for (int i = 0; i < waiting.size(); i++) {
                JobLane lane = waiting.get(i);
                if (lane.nextDueNanos() <= now) {
                    due.add(lane);
                } else {
                    waiting.set(kept++, lane);
                }
            }
            waiting.subList(kept, waiting.size()).clear();
            for (int i = 0; i < due.size(); i++) {
                due.get(i).run();
            }
            due.clear();
        } finally {
            ticking = false;
        }
        long earliest = Long.MAX_VALUE;
        for (JobLane lane : waiting) {
            earliest = Math.min(earliest, lane.wakeAtNanos());
        }
        if (earliest != Long.MAX_VALUE) {
            arm(earliest);
        }
    }

    private void arm(long atNanos) {
        armedAt = atNanos;
        timer = loop.schedule(tick, Math.max(0, atNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
}
