package dev.imager.coordinator.load.adaptive;

import dev.imager.coordinator.load.AdaptiveProbe;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The most recent adaptive probes, bounded so that a run of any length uses bounded memory: beyond
 * the capacity the oldest probe is dropped and counted.
 */
final class ProbeHistory {

    private final int capacity;
    private final Deque<AdaptiveProbe> probes = new ArrayDeque<>();
    private long dropped;

    ProbeHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    void add(AdaptiveProbe probe) {
        if (probes.size() == capacity) {
            probes.removeFirst();
            dropped++;
        }
        probes.addLast(probe);
    }

    /** The kept probes, oldest first. */
    List<AdaptiveProbe> list() {
        return List.copyOf(probes);
    }

    /** How many older probes were dropped to stay within the capacity. */
    long dropped() {
        return dropped;
    }
}
