package dev.imager.coordinator.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Objects;

/**
 * One completed round, with the same accounting invariant as {@link ReportTotals}.
 *
 * @param round round number
 * @param t seconds since the run started, at the round's planned start
 * @param rate planned rate, requests/s
 * @param planned requests planned
 * @param sent requests sent
 * @param ok 2xx and 3xx responses
 * @param http4xx 4xx responses
 * @param http5xx 5xx responses
 * @param timeout timeouts
 * @param connectError connection failures
 * @param otherError other failures
 * @param dropped never sent
 * @param lost never reported
 * @param latencyMs corrected latency of the round
 * @param serviceTimeMs service time of the round
 * @param sendLagP99Ms 99th percentile of the send lag, ms
 * @param notSentReason why the round was not sent at all, or null when it was sent
 * @param warmup true for a warm-up round (\{@code --warmup\}): shown, but not judged nor counted in the totals
 */
public record RoundRow(long round, double t, double rate, long planned, long sent, long ok, long http4xx,
        long http5xx, long timeout, long connectError, long otherError, long dropped, long lost,
        Percentiles latencyMs, Percentiles serviceTimeMs, double sendLagP99Ms, String notSentReason,
        boolean warmup) {

    public RoundRow {
        String where = "round " + round;
        ReportValueChecks.accounting(where, planned, sent, ok, http4xx, http5xx, timeout, connectError, otherError,
                dropped, lost);
        ReportValueChecks.finiteNonNegative(t, where + ": t");
        ReportValueChecks.finiteNonNegative(rate, where + ": rate");
        ReportValueChecks.finiteNonNegative(sendLagP99Ms, where + ": sendLagP99Ms");
        Objects.requireNonNull(latencyMs, where + ": latencyMs");
        Objects.requireNonNull(serviceTimeMs, where + ": serviceTimeMs");
    }

    /** Sent requests that failed. */
    @JsonIgnore
    public long failed() {
        return http4xx + http5xx + timeout + connectError + otherError;
    }
}
