package dev.imager.coordinator.config;

import dev.imager.protocol.cli.GoDuration;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Converts flag text into typed values, recording a problem (and remembering the flag as failed)
 * instead of stopping at the first bad value, so one run of the command reports every problem.
 */
final class FlagBinder {

    private final ConfigProblems problems;
    private final Set<String> failed = new LinkedHashSet<>();

    FlagBinder(ConfigProblems problems) {
        this.problems = problems;
    }

    Optional<Integer> intValue(String flag, String raw) {
        try {
            return Optional.of(GoInteger.parseInt(raw));
        } catch (IllegalArgumentException e) {
            return fail(flag, e.getMessage());
        }
    }

    Optional<Long> longValue(String flag, String raw) {
        try {
            return Optional.of(GoInteger.parseLong(raw));
        } catch (IllegalArgumentException e) {
            return fail(flag, e.getMessage());
        }
    }

    Optional<Duration> duration(String flag, String raw) {
        try {
            return Optional.of(GoDuration.parse(raw));
        } catch (IllegalArgumentException e) {
            return fail(flag, e.getMessage());
        }
    }

    /** Go's {@code strconv.ParseBool} words: 1, t, T, TRUE, true, True and their false twins. */
    Optional<Boolean> bool(String flag, String raw) {
        switch (raw) {
            case "1", "t", "T", "TRUE", "true", "True":
                return Optional.of(true);
            case "0", "f", "F", "FALSE", "false", "False":
                return Optional.of(false);
            default:
                return fail(flag, "invalid boolean \"" + raw + "\" (use true or false)");
        }
    }

    <E extends Enum<E> & FlagChoice> Optional<E> choice(String flag, String raw, Class<E> type) {
        Optional<E> value = FlagChoice.find(type, raw);
        if (value.isEmpty()) {
            return fail(flag, "unsupported value \"" + raw + "\"; expected one of " + FlagChoice.choices(type));
        }
        return value;
    }

    /** Empty for an absent or empty value: an empty optional flag means "not given", as in Go. */
    static Optional<String> optionalText(String raw) {
        return raw == null || raw.isEmpty() ? Optional.empty() : Optional.of(raw);
    }

    Optional<Path> optionalPath(String flag, String raw) {
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(raw));
        } catch (InvalidPathException e) {
            fail(flag, "invalid path \"" + raw + "\": " + e.getReason());
            return Optional.empty();
        }
    }

    /**
     * True when {@code message} names a flag that failed conversion: a rule comparing it would be
     * judging the default instead of what the user wrote, so that message is left out.
     */
    boolean mentionsFailedFlag(String message) {
        for (String flag : failed) {
            String name = flag.replaceFirst("^-+", "");
            Pattern p = Pattern.compile("(?<![A-Za-z0-9-])--?" + Pattern.quote(name) + "(?![A-Za-z0-9-])");
            if (p.matcher(message).find()) {
                return true;
            }
        }
        return false;
    }

    private <T> Optional<T> fail(String flag, String message) {
        failed.add(flag);
        problems.add(flag, message);
        return Optional.empty();
    }
}
