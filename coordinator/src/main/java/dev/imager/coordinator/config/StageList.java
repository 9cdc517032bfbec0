package dev.imager.coordinator.config;

import dev.imager.protocol.cli.GoDuration;
import dev.imager.protocol.cli.GoInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The text form of a load shape, {@code --stages 30s:100,2m:500,30s:0}: stages separated by commas, each
 * {@code <Go duration>:<target rps>}. Parsing checks what each entry says by itself (syntax, signs, the
 * bound on the number of entries); rules between entries and other flags are {@link LoadSettings}'s.
 */
public final class StageList {

    /** Most stages in one shape: a shape is written by hand, and each stage costs work every round. */
    public static final int MAX_STAGES = 100;

    private StageList() {
    }

    /**
     * The stages {@code text} lists; empty for empty text.
     *
     * @throws IllegalArgumentException naming the first bad entry by its position and text
     */
    public static List<Stage> parse(String text) {
        if (text.isBlank()) {
            return List.of();
        }
        String[] entries = text.split(",", -1);
        if (entries.length > MAX_STAGES) {
            throw new IllegalArgumentException(entries.length + " stages, at most " + MAX_STAGES + " allowed");
        }
        List<Stage> stages = new ArrayList<>(entries.length);
        for (int i = 0; i < entries.length; i++) {
            stages.add(entry(i + 1, entries[i].strip()));
        }
        return List.copyOf(stages);
    }

    /** The flag form of {@code stages}: {@code 30s:100,2m0s:500,30s:0}. */
    public static String format(List<Stage> stages) {
        return stages.stream().map(Stage::toString).collect(Collectors.joining(","));
    }

    /** The shape's length: the sum of its stages' durations. */
    public static Duration length(List<Stage> stages) {
        Duration total = Duration.ZERO;
        for (Stage s : stages) {
            total = total.plus(s.duration());
        }
        return total;
    }

    /** The highest target of {@code stages}, 0 for none. */
    public static long highestTarget(List<Stage> stages) {
        return stages.stream().mapToLong(Stage::target).max().orElse(0);
    }

    private static Stage entry(int position, String entry) {
        String where = "entry " + position + " \"" + entry + "\"";
        int colon = entry.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(where + ": expected <duration>:<target rps>, e.g. 30s:100");
        }
        Duration duration;
        try {
            duration = GoDuration.parse(entry.substring(0, colon).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException(where + ": duration must be >= 0, got "
                    + GoDuration.format(duration));
        }
        long target;
        try {
            target = GoInteger.parseLong(entry.substring(colon + 1).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": target rps: " + e.getMessage(), e);
        }
        if (target < 0) {
            throw new IllegalArgumentException(where + ": target rps must be >= 0, got " + target);
        }
        return new Stage(duration, target);
    }
}
