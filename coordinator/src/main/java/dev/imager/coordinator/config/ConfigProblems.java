package dev.imager.coordinator.config;

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
