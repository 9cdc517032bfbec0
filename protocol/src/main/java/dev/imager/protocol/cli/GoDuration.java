package dev.imager.protocol.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's duration syntax, which the original imager's flags used and its users know: a sequence of decimal
 * numbers with units, e.g. {@code 300ms}, {@code 1.5s}, {@code 1m30s}, {@code 2h45m}, {@code -5s}. Units:
 * {@code ns}, {@code us} (or {@code µs}), {@code ms}, {@code s}, {@code m}, {@code h}. A bare {@code 0} is
 * zero; any other number needs a unit.
 */
public final class GoDuration {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

    private GoDuration() {
    }

    /**
     * @throws IllegalArgumentException with a message quoting {@code text} and showing the syntax
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid(text);
        }
        String s = text.trim();
        boolean negative = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            negative = s.startsWith("-");
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(s);
        BigDecimal nanos = BigDecimal.ZERO;
        int at = 0;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at) {
                throw invalid(text);
            }
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
            at = m.end();
        }
        if (at == 0) {
            throw invalid(text);
        }
        try {
            long n = nanos.setScale(0, java.math.RoundingMode.DOWN).longValueExact();
            return Duration.ofNanos(negative ? -n : n);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration '" + text + "' is too large");
        }
    }

    /** Formats like Go's {@code Duration.String()}: {@code 1h2m3.5s}, {@code 250ms}, {@code 0s}. */
    public static String format(Duration d) {
        long n = d.toNanos();
        if (n == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        if (n < 0) {
            sb.append('-');
            n = -n;
        }
        if (n < 1_000) {
            return sb.append(n).append("ns").toString();
        }
        if (n < 1_000_000) {
            return sb.append(decimal(n, 1_000)).append("µs").toString();
        }
        if (n < 1_000_000_000) {
            return sb.append(decimal(n, 1_000_000)).append("ms").toString();
        }
        long hours = n / 3_600_000_000_000L;
        n -= hours * 3_600_000_000_000L;
        long minutes = n / 60_000_000_000L;
        n -= minutes * 60_000_000_000L;
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            sb.append(minutes).append('m');
        }
        return sb.append(decimal(n, 1_000_000_000)).append('s').toString();
    }

    private static String decimal(long value, long unit) {
        return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit)).stripTrailingZeros().toPlainString();
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new IllegalStateException(unit);
        };
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration; use Go syntax such as 500ms, 2s, 1m30s");
    }

    /** picocli converter, so options can be typed {@link Duration}. */
    public static final class Converter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
