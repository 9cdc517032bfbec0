package dev.imager.coordinator.schedule;

import dev.imager.coordinator.config.Arrival;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Where in a round's span ({@code -job-duration}) its requests are planned, for each {@link Arrival} process.
 *
 * <ul>
 *   <li>{@code uniform}: evenly spaced, request g at {@code g × span / n}: a constant rate, as wrk2 and
 *       k6's constant-arrival-rate do;</li>
 *   <li>{@code poisson}: the arrivals of a Poisson process conditioned on n arrivals in the span, which are
 *       n independent uniform instants, sorted: bursty like real independent users, with the exact count.</li>
 * </ul>
 */
public final class ArrivalOffsets {

    private ArrivalOffsets() {
    }

    /**
     * The planned offsets of {@code n} requests spread over {@code spanMicros}, sorted, each in
     * {@code [0, spanMicros)}.
     */
    public static long[] of(Arrival arrival, int n, long spanMicros, SplittableRandom random) {
        long[] offsets = new long[n];
        if (arrival == Arrival.UNIFORM) {
            for (int g = 0; g < n; g++) {
                offsets[g] = g * spanMicros / n;
            }
        } else {
            for (int g = 0; g < n; g++) {
                offsets[g] = random.nextLong(spanMicros);
            }
            Arrays.sort(offsets);
        }
        return offsets;
    }
}
