package dev.imager.protocol.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Converts flag text into typed values, recording a problem (and remembering the flag as failed)
 * instead of stopping at the first bad value, so one run of a command reports every problem.
 *
 * <p>Flags are taken as text (picocli {@code String} fields) and converted here rather than by picocli's
 * typed converters, because picocli stops at the first value it cannot convert. A value that does not
 * convert is replaced by the given fallback (the flag's default): the configuration is invalid anyway,
 * and {@link #mentionsFailedFlag} lets the caller drop rules that would judge that fallback.
 */
public final class FlagBinder {

    private final List<String> problems = new ArrayList<>();
    private final Set<String> failed = new LinkedHashSet<>();

    /** A 32-bit integer ({@link GoInteger}), or {@code fallback} and a problem. */
    public int intValue(String flag, String raw, int fallback) {
        return convert(flag, raw, GoInteger::parseInt).orElse(fallback);
    }

    /** A 64-bit integer ({@link GoInteger}), or {@code fallback} and a problem. */
    public long longValue(String flag, String raw, long fallback) {
        return convert(flag, raw, GoInteger::parseLong).orElse(fallback);
    }

    /** A Go duration ({@link GoDuration}), or {@code fallback} and a problem. */
    public Duration duration(String flag, String raw, Duration fallback) {
        return convert(flag, raw, GoDuration::parse).orElse(fallback);
    }

    /** Empty when the flag was not given at all (null), else its duration ({@code --x=} is a bad duration). */
    public Optional<Duration> optionalDuration(String flag, String raw) {
        return raw == null ? Optional.empty() : convert(flag, raw, GoDuration::parse);
    }

    /** Empty when the flag was not given at all (null), else its 64-bit integer ({@code --x=} is a bad integer). */
    public OptionalLong optionalLong(String flag, String raw) {
        Optional<Long> value = raw == null ? Optional.empty() : convert(flag, raw, GoInteger::parseLong);
        return value.map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /**
     * Go's {@code strconv.ParseBool} words: 1, t, T, TRUE, true, True and their false twins; otherwise
     * {@code fallback} and a problem.
     */
    public boolean bool(String flag, String raw, boolean fallback) {
        switch (raw) {
            case "1", "t", "T", "TRUE", "true", "True":
                return true;
            case "0", "f", "F", "FALSE", "false", "False":
                return false;
            default:
                fail(flag, "invalid boolean \"" + raw + "\" (use true or false)");
                return fallback;
        }
    }

    /** The constant of {@code type} that {@code raw} names ({@link FlagChoice}), or {@code fallback} and a problem. */
    public <E extends Enum<E> & FlagChoice> E choice(String flag, String raw, Class<E> type, E fallback) {
        Optional<E> value = FlagChoice.find(type, raw);
        if (value.isEmpty()) {
            fail(flag, "unsupported value \"" + raw + "\"; expected one of " + FlagChoice.choices(type));
            return fallback;
        }
        return value.get();
    }

    /**
     * {@code raw} read by {@code parse}, which throws {@link IllegalArgumentException} saying what is wrong; or
     * {@code fallback} and that problem.
     */
    public <T> T value(String flag, String raw, Function<String, T> parse, T fallback) {
        return convert(flag, raw, parse).orElse(fallback);
    }

    /** Null for an absent or empty value: an empty optional flag means "not given", as in Go. */
    public static String optionalText(String raw) {
        return raw == null || raw.isEmpty() ? null : raw;
    }

    /** Null for an absent or empty value, else the path; a string that is no path is a problem. */
    public Path optionalPath(String flag, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return Path.of(raw);
        } catch (InvalidPathException e) {
            fail(flag, "invalid path \"" + raw + "\": " + e.getReason());
            return null;
        }
    }

    /** Every conversion problem so far, each {@code <flag>: <what is wrong>}, in the order found. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * True when {@code message} names a flag that failed conversion, in either dash form: a rule
     * comparing it would be judging the fallback instead of what the user wrote, so that message is
     * left out.
     */
    public boolean mentionsFailedFlag(String message) {
        for (String flag : failed) {
            String name = flag.replaceFirst("^-+", "");
            Pattern p = Pattern.compile("(?<![A-Za-z0-9-])--?" + Pattern.quote(name) + "(?![A-Za-z0-9-])");
            if (p.matcher(message).find()) {
                return true;
            }
        }
        return false;
    }

    // The value, or empty and a problem when parse rejects the text (parsers throw IllegalArgumentException).
    private <T> Optional<T> convert(String flag, String raw, Function<String, T> parse) {
        try {
            return Optional.of(parse.apply(raw));
        } catch (IllegalArgumentException e) {
            fail(flag, e.getMessage());
            return Optional.empty();
        }
    }

    private void fail(String flag, String message) {
        failed.add(flag);
        problems.add(flag + ": " + message);
    }
}
