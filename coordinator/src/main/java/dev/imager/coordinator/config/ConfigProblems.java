package dev.imager.coordinator.config;

import dev.imager.protocol.cli.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects configuration problems so that all of them are reported at once (k6-style), each as
 * {@code <flag>: <what is wrong>}, e.g. {@code -max-rps: must be >= -min-rps (10), got 5}.
 *
 * <p>Flags of the original Go orchestrator are named with one dash ({@code -min-rps}), flags new in
 * imager with two ({@code --min-workers}); both spellings are accepted on the command line.
 */
public final class ConfigProblems {

    private final List<String> messages = new ArrayList<>();

    /** Adds {@code flag + ": " + message}. */
    public void add(String flag, String message) {
        messages.add(flag + ": " + message);
    }

    /** Adds problems that are already written {@code <flag>: <what is wrong>}, as they are. */
    public void addAll(List<String> problems) {
        messages.addAll(problems);
    }

    /** Adds {@code flag: must be > 0, got <value>} unless {@code value} is positive. */
    public void positive(String flag, Duration value) {
        // Duration.isPositive() only exists from Java 18.
        if (value.isNegative() || value.isZero()) {
            add(flag, "must be > 0, got " + GoDuration.format(value));
        }
    }

    /** Adds {@code flag: must be >= 0, got <value>} when {@code value} is negative. */
    public void nonNegative(String flag, Duration value) {
        if (value.isNegative()) {
            add(flag, "must be >= 0, got " + GoDuration.format(value));
        }
    }

    /** The problems so far, in the order found. */
    public List<String> list() {
        return List.copyOf(messages);
    }

    /**
     * Throws {@link InvalidConfigException} carrying every problem when there is at least one.
     */
    public void throwIfAny() {
        if (!messages.isEmpty()) {
            throw new InvalidConfigException(list());
        }
    }
}
