package dev.imager.coordinator.config;

import dev.imager.protocol.cli.GoDuration;
import java.time.Duration;
import java.util.Objects;

/**
 * One stage of a load shape ({@code --stages}): over {@code duration}, the rate moves in a straight line from
 * where the previous stage ended (0 before the first) to {@code target} requests per second. A stage of
 * duration 0 is a jump: the rate is {@code target} at once. Written {@code 30s:100} on the command line.
 *
 * @param duration how long the ramp takes; 0 for a jump
 * @param target the rate at the stage's end, requests per second
 */
public record Stage(Duration duration, long target) {

    public Stage {
        Objects.requireNonNull(duration, "duration");
    }

    /** The flag form, {@code 30s:100} (the duration as Go writes it, so {@code 2m} reads back as {@code 2m0s}). */
    @Override
    public String toString() {
        return GoDuration.format(duration) + ":" + target;
    }
}
