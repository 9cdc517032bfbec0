package dev.imager.coordinator.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The whole run. Every planned request is in exactly one bucket:
 * {@code planned == ok + http4xx + http5xx + timeout + connectError + otherError + dropped + lost}, and
 * {@code sent == ok + http4xx + http5xx + timeout + connectError + otherError}; the constructor refuses
 * anything else.
 *
 * @param rounds completed rounds
 * @param notSentRounds rounds that could not be sent at all (their requests count as dropped)
 * @param planned requests planned
 * @param sent requests sent (answered or failed)
 * @param ok 2xx and 3xx responses
 * @param http4xx 4xx responses
 * @param http5xx 5xx responses
 * @param timeout no complete response within the request timeout
 * @param connectError the connection could not be opened
 * @param otherError any other failure after sending
 * @param dropped never sent, because no connection or slot was free at the planned instant or the round was not sent
 * @param lost never reported: the worker's job was not acknowledged or its result never came
 * @param statusCodes responses by HTTP status code, ascending (a followed redirect's 3xx included)
 * @param protocols the same responses by the HTTP version they came over, then by status code
 * @param bytesReceived response body bytes
 * @param durationSeconds wall time of the run, s
 * @param plannedRate planned / durationSeconds, requests/s
 * @param achievedRate sent / durationSeconds, requests/s
 * @param errorRate failed / sent as a fraction 0..1 (0 when nothing was sent)
 * @param latencyMs corrected latency, planned instant to response: what users feel
 * @param serviceTimeMs uncorrected service time, actual write to response
 * @param sendLagMs planned instant to actual write: how late the generator was
 */
public record ReportTotals(long rounds, long notSentRounds, long planned, long sent, long ok, long http4xx,
        long http5xx, long timeout, long connectError, long otherError, long dropped, long lost,
        Map<Integer, Long> statusCodes, Map<String, Map<Integer, Long>> protocols, long bytesReceived,
        double durationSeconds, double plannedRate, double achievedRate, double errorRate, Percentiles latencyMs,
        Percentiles serviceTimeMs, Percentiles sendLagMs) {

    public ReportTotals {
        ReportValueChecks.nonNegative(rounds, "totals: rounds");
        ReportValueChecks.nonNegative(notSentRounds, "totals: notSentRounds");
        ReportValueChecks.accounting("totals", planned, sent, ok, http4xx, http5xx, timeout, connectError, otherError,
                dropped, lost);
        ReportValueChecks.nonNegative(bytesReceived, "totals: bytesReceived");
        ReportValueChecks.finiteNonNegative(durationSeconds, "totals: durationSeconds");
        ReportValueChecks.finiteNonNegative(plannedRate, "totals: plannedRate");
        ReportValueChecks.finiteNonNegative(achievedRate, "totals: achievedRate");
        ReportValueChecks.finiteNonNegative(errorRate, "totals: errorRate");
        // Sorted, so report.json is byte-for-byte reproducible and the console lists codes in order.
        statusCodes = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(statusCodes, "statusCodes")));
        TreeMap<String, Map<Integer, Long>> byProtocol = new TreeMap<>();
        if (protocols != null) {
            protocols.forEach((p, codes) -> byProtocol.put(p, Collections.unmodifiableMap(new TreeMap<>(codes))));
        }
        protocols = Collections.unmodifiableMap(byProtocol);
        Objects.requireNonNull(latencyMs, "latencyMs");
        Objects.requireNonNull(serviceTimeMs, "serviceTimeMs");
        Objects.requireNonNull(sendLagMs, "sendLagMs");
    }

    /** Sent requests that failed: 4xx, 5xx, timeouts, connect and other errors. */
    @JsonIgnore
    public long failed() {
        return http4xx + http5xx + timeout + connectError + otherError;
    }
}
