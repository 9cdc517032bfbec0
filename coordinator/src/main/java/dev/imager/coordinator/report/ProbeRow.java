package dev.imager.coordinator.report;

import java.util.Objects;

/**
 * One judgement of the adaptive capacity search: a round it looked at and what it concluded.
 *
 * @param round the judged round
 * @param t seconds since the run started, at that round's planned start
 * @param rate the probed rate, requests/s
 * @param p99Ms corrected p99 latency of the round, ms
 * @param errorRatio failed / sent, 0..1
 * @param timeoutRatio timeouts / sent, 0..1
 * @param verdict {@code PASS}, {@code FAIL}, {@code INCONCLUSIVE}, {@code GENERATOR_LIMITED},
 *     {@code RECOVERY_PASS} or {@code RECOVERY_FAIL}
 * @param reason why, in words ("" when there is nothing to add)
 * @param phase the search phase the probe belonged to (e.g. {@code ramp}, {@code bisect})
 */
public record ProbeRow(long round, double t, double rate, double p99Ms, double errorRatio, double timeoutRatio,
        String verdict, String reason, String phase) {

    public ProbeRow {
        String where = "probe of round " + round;
        ReportValueChecks.finiteNonNegative(t, where + ": t");
        ReportValueChecks.finiteNonNegative(rate, where + ": rate");
        ReportValueChecks.finiteNonNegative(p99Ms, where + ": p99Ms");
        ReportValueChecks.finiteNonNegative(errorRatio, where + ": errorRatio");
        ReportValueChecks.finiteNonNegative(timeoutRatio, where + ": timeoutRatio");
        Objects.requireNonNull(verdict, where + ": verdict");
        Objects.requireNonNull(phase, where + ": phase");
        reason = reason == null ? "" : reason;
    }
}
