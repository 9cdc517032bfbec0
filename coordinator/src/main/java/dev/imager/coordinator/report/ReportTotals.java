package dev.imager.coordinator.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Collections;
import java.util.LinkedHashMap;
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
 * @param droppedBy the dropped requests by why they were not sent ({@code "broker unavailable"}, {@code "not sent on
 *     time"}, ...: docs/reports.md lists them), adding up to {@code dropped}; empty when not known (the live view,
 *     reports of older versions)
 */
public record ReportTotals(long rounds, long notSentRounds, long planned, long sent, long ok, long http4xx,
        long http5xx, long timeout, long connectError, long otherError, long dropped, long lost,
        Map<Integer, Long> statusCodes, Map<String, Map<Integer, Long>> protocols, long bytesReceived,
        double durationSeconds, double plannedRate, double achievedRate, double errorRate, Percentiles latencyMs,
        Percentiles serviceTimeMs, Percentiles sendLagMs, Map<String, Long> droppedBy) {

    /** Most drop reasons a report may name (report.json is read from files). */
    static final int MAX_DROP_REASONS = 32;

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
        droppedBy = droppedBy(droppedBy, dropped);
    }

    /** Totals whose drops have no known reasons. */
    public ReportTotals(long rounds, long notSentRounds, long planned, long sent, long ok, long http4xx,
            long http5xx, long timeout, long connectError, long otherError, long dropped, long lost,
            Map<Integer, Long> statusCodes, Map<String, Map<Integer, Long>> protocols, long bytesReceived,
            double durationSeconds, double plannedRate, double achievedRate, double errorRate, Percentiles latencyMs,
            Percentiles serviceTimeMs, Percentiles sendLagMs) {
        this(rounds, notSentRounds, planned, sent, ok, http4xx, http5xx, timeout, connectError, otherError, dropped,
                lost, statusCodes, protocols, bytesReceived, durationSeconds, plannedRate, achievedRate, errorRate,
                latencyMs, serviceTimeMs, sendLagMs, Map.of());
    }

    /** Checked and sorted by count, largest first (then by name), so report.json is reproducible. */
    private static Map<String, Long> droppedBy(Map<String, Long> given, long dropped) {
        if (given == null || given.isEmpty()) {
            return Map.of();
        }
        if (given.size() > MAX_DROP_REASONS) {
            throw new IllegalArgumentException("totals: droppedBy names " + given.size() + " reasons, at most "
                    + MAX_DROP_REASONS);
        }
        long sum = 0;
        for (Map.Entry<String, Long> e : given.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank() || e.getKey().length() > 64) {
                throw new IllegalArgumentException("totals: droppedBy has a reason that is empty or over 64 characters");
            }
            sum += ReportValueChecks.nonNegative(Objects.requireNonNull(e.getValue(), "droppedBy count"),
                    "totals: droppedBy " + e.getKey());
        }
        if (sum != dropped) {
            throw new IllegalArgumentException("totals: droppedBy adds up to " + sum + ", not dropped " + dropped);
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        given.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(sorted);
    }

    /** Sent requests that failed: 4xx, 5xx, timeouts, connect and other errors. */
    @JsonIgnore
    public long failed() {
        return http4xx + http5xx + timeout + connectError + otherError;
    }
}
