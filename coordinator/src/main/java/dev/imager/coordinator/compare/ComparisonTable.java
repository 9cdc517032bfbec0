package dev.imager.coordinator.compare;

import dev.imager.coordinator.report.Formats;
import java.util.List;
import java.util.Locale;

/**
 * The comparison as text for the console: which runs, the settings they differ in, and one row per metric with
 * both values, the change, the noise bound and, for a change beyond it, whether it is worse or better. Fixed ASCII
 * text (but for the infinity sign of an open capacity bracket), every line within {@value #WIDTH} columns.
 */
public final class ComparisonTable {

    /** The widest line. */
    public static final int WIDTH = 100;

    private ComparisonTable() {
    }

    /** The whole table, ending with a newline. */
    public static String format(RunComparison c, List<String> tripped) {
        StringBuilder out = new StringBuilder(2048);
        out.append("imager compare\n");
        run(out, "A", c.a());
        run(out, "B", c.b());
        for (String difference : c.settingDifferences()) {
            out.append(cut("  settings differ: " + difference)).append('\n');
        }
        out.append('\n');
        out.append(String.format(Locale.ROOT, "%-20s %12s %12s %12s %12s", "metric", "A", "B", "change",
                "noise +/-")).append('\n');
        for (MetricChange row : c.metrics()) {
            String line = String.format(Locale.ROOT, "  %-18s %12s %12s %12s %12s  %s", row.label(),
                    value(row, row.a()), value(row, row.b()), change(row), noise(row), row.direction());
            out.append(cut(line.stripTrailing())).append('\n');
            if (row.metric().equals(CompareMetric.CAPACITY.cliName()) && row.delta() != null) {
                out.append(cut("    " + row.noiseNote())).append('\n');
            }
        }
        out.append("\nMarked rows changed beyond the noise bound; unmarked ones within it, or without a bound "
                + "(?).\n");
        for (String t : tripped) {
            out.append(cut("FAIL  " + t)).append('\n');
        }
        return out.toString();
    }

    private static void run(StringBuilder out, String name, RunComparison.Run run) {
        String source = run.source();
        int room = WIDTH - 5;
        out.append("  ").append(name).append("  ")
                .append(source.length() <= room ? source : "..." + source.substring(source.length() - room + 3))
                .append('\n');
        out.append(cut(String.format(Locale.ROOT, "     %s, started %s, %.1f s, %d rounds", run.runId(),
                run.startedAt(), run.durationSeconds(), run.rounds()))).append('\n');
    }

    /** A value in its metric's unit: 24.6 ms, 198 rps, 1.52 %; {@code -} when there is none. */
    static String value(MetricChange row, Double v) {
        if (v == null) {
            return "-";
        }
        return switch (CompareMetric.Kind.valueOf(row.kind())) {
            case LATENCY -> Formats.millis(v);
            case RATE, CAPACITY -> Formats.rps(v);
            case FRACTION -> Formats.percent(v);
        };
    }

    /** The change as the table shows it: relative ({@code +12.5 %}), percentage points for fractions. */
    static String change(MetricChange row) {
        if (row.delta() == null) {
            return "-";
        }
        if (row.kind().equals(CompareMetric.Kind.FRACTION.name())) {
            return signed(row.delta() * 100, 2, "pp");
        }
        if (row.relative() == null) {
            return "from 0";
        }
        return signed(row.relative() * 100, 1, "%");
    }

    /** The change in full, relative and absolute: {@code +12.5 % (+3.1 ms)}. */
    static String changeInFull(MetricChange row) {
        if (row.delta() == null) {
            return "-";
        }
        String relative = row.relative() == null ? "from 0" : signed(row.relative() * 100, 1, "%");
        String absolute = switch (CompareMetric.Kind.valueOf(row.kind())) {
            case LATENCY -> signed(row.delta(), 3, "ms");
            case RATE, CAPACITY -> signed(row.delta(), 1, "rps");
            case FRACTION -> signed(row.delta() * 100, 2, "pp");
        };
        return relative + " (" + absolute + ")";
    }

    /** The noise bound in the metric's unit, {@code brackets} for the capacity, {@code ?} when unknown. */
    static String noise(MetricChange row) {
        if (row.metric().equals(CompareMetric.CAPACITY.cliName())) {
            return row.beyondNoise() == null ? "?" : "brackets";
        }
        if (row.noise() == null) {
            return "?";
        }
        return switch (CompareMetric.Kind.valueOf(row.kind())) {
            case LATENCY -> Formats.millis(row.noise());
            case RATE, CAPACITY -> Formats.rps(row.noise());
            case FRACTION -> String.format(Locale.ROOT, "%.2f pp", row.noise() * 100);
        };
    }

    /** {@code +12.5 %}; a change that rounds to zero has no sign. */
    private static String signed(double v, int decimals, String unit) {
        String text = String.format(Locale.ROOT, "%+." + decimals + "f %s", v, unit);
        return text.matches("[+-]0\\.0+ .*") ? text.substring(1) : text;
    }

    private static String cut(String line) {
        return line.length() <= WIDTH ? line : line.substring(0, WIDTH - 3) + "...";
    }
}
