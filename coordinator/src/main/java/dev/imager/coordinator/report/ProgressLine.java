package dev.imager.coordinator.report;


/**
 * Formats the one-line live status, e.g.
 * <pre>
 *   12s  ramp      planned   400 rps  achieved   398 rps  p50   3.1 ms  p99  12.4 ms  err 0  drop 0  lost 0  workers 2
 * </pre>
 * followed by {@code stage 2/3} when the load follows a shape. In the closed model the planned figure and the
 * capacity are users ({@code planned    20 users}); the achieved rate is their throughput. Numbers are
 * right-aligned in fixed widths so that a line rewritten in place does not jitter; the most important fields come
 * first, so a line cut to a narrow terminal loses only the tail.
 */
public final class ProgressLine {

    /** Below this, rates and latencies get a decimal; above, whole numbers keep the columns steady. */
    private static final double ONE_DECIMAL_BELOW = 10;

    private ProgressLine() {
    }

    public static String format(ProgressSnapshot s) {
        StringBuilder line = new StringBuilder(Formats.format(
                "%4ds  %-9s planned %5s %s  achieved %5s rps  p50 %5s ms  p99 %5s ms  err %d  drop %d  lost %d"
                        + "  workers %d",
                (long) Math.floor(s.elapsedSeconds()), s.phase(), rate(s.plannedRps()), s.plannedUnit(),
                rate(s.achievedRps()),
                millis(s.p50Ms()), millis(s.p99Ms()), s.errors(), s.dropped(), s.lost(), s.liveWorkers()));
        if (!s.stage().isEmpty()) {
            line.append("  ").append(s.stage());
        }
        s.capacity().ifPresent(c -> line.append("  capacity ").append(rate(c)).append(' ').append(s.plannedUnit()));
        return line.toString();
    }

    private static String rate(double rps) {
        return rps < ONE_DECIMAL_BELOW ? Formats.format("%.1f", rps) : Formats.format("%.0f", rps);
    }

    /** "-" for NaN (no responses yet); two decimals below 1 ms, one below 1 s, none above. */
    private static String millis(double ms) {
        if (Double.isNaN(ms)) {
            return "-";
        }
        if (ms < 1) {
            return Formats.format("%.2f", ms);
        }
        return ms < 1_000 ? Formats.format("%.1f", ms) : Formats.format("%.0f", ms);
    }
}
