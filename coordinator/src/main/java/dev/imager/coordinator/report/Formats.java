package dev.imager.coordinator.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Number formats shared by the console summary, thresholds, the progress line and run comparisons, so a p99 reads
 * the same everywhere. Always {@link Locale#ROOT}: reports are diffed and parsed by CI scripts, whatever the
 * machine's locale.
 */
public final class Formats {

    /** Significant digits kept for very small percentages, so 0.004 % does not print as 0.00 %. */
    private static final MathContext SMALL_PERCENT = new MathContext(2);

    private Formats() {
    }

    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    /** 24,000 */
    public static String count(long n) {
        return format("%,d", n);
    }

    /** Milliseconds with microsecond precision, trailing zeros dropped: 12.345 ms, 250 ms, 0.05 ms. */
    public static String millis(double ms) {
        return plain(BigDecimal.valueOf(ms).setScale(3, java.math.RoundingMode.HALF_UP)) + " ms";
    }

    /** A fraction as a percentage: 1.26 %, 0 %, 100 %; below 0.01 % two significant digits (0.0042 %). */
    public static String percent(double fraction) {
        double pct = fraction * 100;
        if (pct == 0) {
            return "0 %";
        }
        if (pct < 0.01) {
            return plain(new BigDecimal(pct).round(SMALL_PERCENT)) + " %";
        }
        return plain(BigDecimal.valueOf(pct).setScale(2, java.math.RoundingMode.HALF_UP)) + " %";
    }

    /** A fraction as a percentage with two decimals, for table columns: 0.50 %. */
    static String percentFixed(double fraction) {
        return format("%.2f %%", fraction * 100);
    }

    /** part / whole as a percentage with two decimals, for aligned tables; whole 0 gives "-". */
    static String percentOf(long part, long whole) {
        return whole == 0 ? "-" : format("%.2f", 100.0 * part / whole);
    }

    /** A rate in requests/s: one decimal below 100 rps, whole numbers above. */
    public static String rps(double rate) {
        return (rate < 100 ? format("%.1f", rate) : format("%,.0f", rate)) + " rps";
    }

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
