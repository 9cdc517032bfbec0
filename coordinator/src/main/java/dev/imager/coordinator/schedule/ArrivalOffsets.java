package dev.imager.coordinator.schedule;

import dev.imager.coordinator.config.Arrival;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Where in a round its requests are planned, for each {@link Arrival} process.
 *
 * <ul>
 *   <li>{@code uniform}: evenly spaced, request g at {@code g × interval / n}: a constant rate, as wrk2 and
 *       k6's constant-arrival-rate do;</li>
 *   <li>{@code poisson}: the arrivals of a Poisson process conditioned on n arrivals in the round, which are
 *       n independent uniform instants, sorted: bursty like real independent users, with the exact count.</li>
 * </ul>
 */
public final class ArrivalOffsets {

    private ArrivalOffsets() {
    }

    /**
     * The planned offsets of {@code n} requests in a round of {@code intervalMicros}, sorted, each in
     * {@code [0, intervalMicros)}.
     */
    public static long[] of(Arrival arrival, int n, long intervalMicros, SplittableRandom random) {
        long[] offsets = new long[n];
        if (arrival == Arrival.UNIFORM) {
            for (int g = 0; g < n; g++) {
                offsets[g] = g * intervalMicros / n;
            }
        } else {
            for (int g = 0; g < n; g++) {
                offsets[g] = random.nextLong(intervalMicros);
            }
            Arrays.sort(offsets);
        }
        return offsets;
    }
}
