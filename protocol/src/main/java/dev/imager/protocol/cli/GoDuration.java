package dev.imager.protocol.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;

/**
 * Go's duration syntax ({@code time.ParseDuration} / {@code Duration.String}), because the original
 * imager's flags took Go durations and existing manifests pass values such as {@code 1s} or
 * {@code 1m30s}.
 *
 * <p>Grammar: {@code [-+]? (digits? ('.' digits?)? unit)+}, or a bare {@code 0} (optionally signed).
 * Units: {@code ns}, {@code us}, {@code µs} (U+00B5), {@code μs} (U+03BC), {@code ms}, {@code s},
 * {@code m}, {@code h}. Each number needs a unit ({@code 5} is an error, as in Go); fractions are
 * allowed on every unit ({@code 1.5h}); fractional nanoseconds are truncated toward zero, as Go does;
 * the result must fit Go's range of a signed 64-bit count of nanoseconds (about ±292 years).
 * Negative values parse; whether they are allowed is the validator's business.
 */
public final class GoDuration {

    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);
    // Go allows -2^63 ns, one more than the positive maximum.
    private static final BigInteger MIN_NANOS = BigInteger.valueOf(Long.MIN_VALUE);

    private static final Map<String, Long> UNIT_NANOS = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00b5s", 1_000L,
            "\u03bcs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);

    /** Units as listed in error messages. */
    static final String UNITS = "ns, us, \u00b5s, ms, s, m, h";

    private GoDuration() {
    }

    /**
     * Parses Go duration text.
     *
     * @throws IllegalArgumentException with a message that quotes {@code text} and says what is wrong
     */
    public static Duration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("invalid duration: none given");
        }
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        BigDecimal totalNanos = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int numberStart = i;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
            boolean digitsBefore = i > numberStart;
            boolean digitsAfter = false;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int fractionStart = i;
                while (i < s.length() && isDigit(s.charAt(i))) {
                    i++;
                }
                digitsAfter = i > fractionStart;
            }
            if (!digitsBefore && !digitsAfter) {
                throw invalid(text);
            }
            String number = s.substring(numberStart, i);
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
                i++;
            }
            if (i == unitStart) {
                throw new IllegalArgumentException("missing unit in duration \"" + text
                        + "\" (write e.g. 5s or 500ms; units: " + UNITS + ")");
            }
            String unit = s.substring(unitStart, i);
            Long nanosPerUnit = UNIT_NANOS.get(unit);
            if (nanosPerUnit == null) {
                throw new IllegalArgumentException("unknown unit \"" + unit + "\" in duration \"" + text
                        + "\" (units: " + UNITS + ")");
            }
            BigDecimal value = new BigDecimal(number.endsWith(".") ? number + "0" : "0" + number);
            totalNanos = totalNanos.add(value.multiply(BigDecimal.valueOf(nanosPerUnit)));
        }
        BigInteger nanos = totalNanos.setScale(0, RoundingMode.DOWN).toBigIntegerExact();
        if (negative) {
            nanos = nanos.negate();
        }
        if (nanos.compareTo(MAX_NANOS) > 0 || nanos.compareTo(MIN_NANOS) < 0) {
            throw new IllegalArgumentException("duration \"" + text + "\" is out of range (at most about 2562047h)");
        }
        return Duration.ofNanos(nanos.longValueExact());
    }

    /**
     * Formats {@code duration} exactly as Go's {@code Duration.String} does: {@code 0s}, {@code 100ns},
     * {@code 1.5µs}, {@code 250ms}, {@code 1s}, {@code 1m30s}, {@code 2h0m0s}. Works for any
     * {@link Duration}, also beyond Go's range.
     */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        BigInteger total = BigInteger.valueOf(duration.getSeconds()).multiply(NANOS_PER_SECOND)
                .add(BigInteger.valueOf(duration.getNano()));
        String sign = total.signum() < 0 ? "-" : "";
        BigInteger u = total.abs();
        if (u.compareTo(NANOS_PER_SECOND) < 0) {
            long v = u.longValueExact();
            if (v < 1_000L) {
                return sign + v + "ns";
            }
            if (v < 1_000_000L) {
                return sign + withFraction(v, 1_000L) + "\u00b5s";
            }
            return sign + withFraction(v, 1_000_000L) + "ms";
        }
        BigInteger[] secondsAndNanos = u.divideAndRemainder(NANOS_PER_SECOND);
        BigInteger seconds = secondsAndNanos[0];
        long fractionNanos = secondsAndNanos[1].longValueExact();
        BigInteger[] hoursAndRest = seconds.divideAndRemainder(BigInteger.valueOf(3600));
        BigInteger hours = hoursAndRest[0];
        long minutes = hoursAndRest[1].longValueExact() / 60;
        long secs = hoursAndRest[1].longValueExact() % 60;
        StringBuilder out = new StringBuilder(sign);
        if (hours.signum() > 0) {
            out.append(hours).append('h');
        }
        if (hours.signum() > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        out.append(withFraction(secs * 1_000_000_000L + fractionNanos, 1_000_000_000L)).append('s');
        return out.toString();
    }

    // value / scale with the fraction's trailing zeros removed, e.g. (1500, 1000) -> "1.5".
    private static String withFraction(long value, long scale) {
        long whole = value / scale;
        long fraction = value % scale;
        if (fraction == 0) {
            return Long.toString(whole);
        }
        int digits = Long.toString(scale).length() - 1;
        String f = String.format("%0" + digits + "d", fraction).replaceAll("0+$", "");
        return whole + "." + f;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid duration \"" + text
                + "\" (write e.g. 1s, 500ms, 1m30s; units: " + UNITS + ")");
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
