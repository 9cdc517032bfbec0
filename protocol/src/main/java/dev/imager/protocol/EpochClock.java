package dev.imager.protocol;

import java.time.Instant;

/**
 * Wall-clock time as Unix epoch nanoseconds, the time base of planned instants on the wire. Injected so
 * that logic which compares plans with "now" can be tested with a fixed clock.
 */
@FunctionalInterface
public interface EpochClock {

    /** The system clock at its full precision (microseconds on Linux). */
    EpochClock SYSTEM = () -> {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    };

    long nowNanos();
}
