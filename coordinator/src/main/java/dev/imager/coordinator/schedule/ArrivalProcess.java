package dev.imager.coordinator.schedule;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Where in a round its requests are planned.
 *
 * <ul>
 *   <li>{@code UNIFORM}: evenly spaced, request g at {@code g × interval / n}: a constant rate, as wrk2 and
 *       k6's constant-arrival-rate do;</li>
 *   <li>{@code POISSON}: the arrivals of a Poisson process conditioned on n arrivals in the round, which are n
 *       independent uniform instants, sorted: bursty like real independent users, with the exact count.</li>
 * </ul>
 */
public enum ArrivalProcess {
    UNIFORM,
    POISSON;

    /**
     * The planned offsets of {@code n} requests in a round of {@code intervalMicros}, sorted, each in
     * {@code [0, intervalMicros)}.
     */
    public long[] offsetsMicros(int n, long intervalMicros, SplittableRandom random) {
        long[] offsets = new long[n];
        if (this == UNIFORM) {
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

    /** Parses {@code uniform} / {@code poisson}. */
    public static ArrivalProcess parse(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "uniform" -> UNIFORM;
            case "poisson" -> POISSON;
            default -> throw new IllegalArgumentException("--arrival: must be uniform or poisson, got '" + value + "'");
        };
    }
}
