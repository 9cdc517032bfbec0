package dev.imager.coordinator.load.adaptive;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A simulated target with a known capacity, for tests of the search: sumservice's capacity simulation
 * ({@code slots} requests served at once, each for {@code serviceMicros}, the rest waiting in one FIFO queue; a
 * freed slot starts the next request at the instant it was due, so the capacity is exactly
 * {@code slots × 1e6 / serviceMicros} requests a second), plus the noise a shared machine adds: pauses in which
 * no request starts (a GC, a descheduled process) and a little network jitter on every response.
 *
 * <p>Requests must be served in arrival order. Deterministic for a given seed. Times are in microseconds.
 */
final class QueueingTarget {

    /** How often the target pauses and for how long; {@link #NONE} for a perfectly regular server. */
    record Noise(double pausesPerSecond, long minPauseMicros, long maxPauseMicros, long jitterMeanMicros) {
        static final Noise NONE = new Noise(0, 0, 0, 0);
        /** What this machine's runs showed: a pause of 50-250 ms every 20 s or so, and ~0.3 ms of jitter. */
        static final Noise SHARED_MACHINE = new Noise(0.05, 50_000, 250_000, 300);
    }

    private int slots;
    private final long serviceMicros;
    private final Noise noise;
    private final SplittableRandom random;
    private final PriorityQueue<Long> slotFree = new PriorityQueue<>();
    private final List<long[]> pauses = new ArrayList<>();
    private long pausesUntil;

    QueueingTarget(int slots, long serviceMicros, Noise noise, long seed) {
        this.slots = slots;
        this.serviceMicros = serviceMicros;
        this.noise = noise;
        this.random = new SplittableRandom(seed);
        for (int i = 0; i < slots; i++) {
            slotFree.add(Long.MIN_VALUE / 2);
        }
    }

    /**
     * From {@code at} on, serve {@code newSlots} requests at a time: added slots are free at once, removed ones
     * finish the request they hold (a replica added or taken away).
     */
    void resize(int newSlots, long at) {
        for (; slots < newSlots; slots++) {
            slotFree.add(at);
        }
        for (; slots > newSlots; slots--) {
            slotFree.poll();
        }
    }

    /** Requests per second this target serves at most. */
    double capacity() {
        return slots * 1e6 / serviceMicros;
    }

    long serviceMicros() {
        return serviceMicros;
    }

    /** Serves a request that arrives at {@code arrival}: returns the instant its response is back. */
    long serve(long arrival) {
        long start = Math.max(arrival, slotFree.poll());
        start = afterPauses(start);
        long done = start + serviceMicros;
        slotFree.add(done);
        return done + (noise.jitterMeanMicros() > 0 ? (long) (-noise.jitterMeanMicros() * Math.log(1 - random.nextDouble())) : 0);
    }

    private long afterPauses(long start) {
        if (noise.pausesPerSecond() <= 0) {
            return start;
        }
        while (pausesUntil <= start + 1_000_000) {
            long gap = (long) (-1e6 / noise.pausesPerSecond() * Math.log(1 - random.nextDouble()));
            long begin = Math.max(pausesUntil, 0) + gap;
            long length = noise.minPauseMicros() + (long) (random.nextDouble() * (noise.maxPauseMicros() - noise.minPauseMicros()));
            pauses.add(new long[] {begin, begin + length});
            pausesUntil = begin + length;
        }
        for (long[] p : pauses) {
            if (start >= p[0] && start < p[1]) {
                return p[1];
            }
        }
        return start;
    }
}
