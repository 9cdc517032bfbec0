package dev.imager.coordinator.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses every {@code --threshold} flag at once and checks them against a finished run.
 *
 * <p>A threshold whose metric has no data fails with actual {@code no data}: a run that sent nothing, or
 * whose latency histogram is empty, must not pass {@code p99<250ms} vacuously, since a CI job would then
 * go green on a target that never answered.
 */
public final class Thresholds {

    private Thresholds() {
    }

    /**
     * Parses all expressions, reporting every bad one in one exception (one line each), so a user fixes
     * them in one go.
     */
    public static List<Threshold> parseAll(List<String> expressions) {
        List<Threshold> parsed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String expression : expressions) {
            try {
                parsed.add(Threshold.parse(expression));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return List.copyOf(parsed);
    }

    /** One result per threshold, in the same order. */
    public static List<ThresholdResult> evaluate(List<Threshold> thresholds, ReportTotals totals) {
        return thresholds.stream().map(t -> t.evaluate(totals)).toList();
    }
}
