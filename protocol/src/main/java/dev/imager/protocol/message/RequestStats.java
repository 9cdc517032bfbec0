package dev.imager.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.imager.protocol.latency.LatencySnapshot;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What happened to a set of requests: how each ended, the responses' status codes and bytes, and three
 * latency distributions. The one value a worker records ({@link RequestStatsRecorder}), a {@link JobResult}
 * carries, and the coordinator merges per round and per run; everything that holds it calls it {@code stats}.
 *
 * <p>{@link #plus} is exactly recording both sets of requests: counts add and histograms merge, so the
 * percentiles of a sum are those of all its requests, never an average of percentiles.
 *
 * @param outcomes how the requests ended, one bucket each
 * @param statusCodes responses by HTTP status code (100 to 999), in ascending order
 * @param bytesReceived response body bytes
 * @param latency from each request's planned instant to its complete response (coordinated-omission
 *     corrected: what a user would have felt), µs
 * @param serviceTime from each request's actual write to its complete response, µs
 * @param sendLag actual write minus planned instant, for every request sent, µs
 */
public record RequestStats(
        @JsonProperty(required = true) OutcomeCounts outcomes,
        @JsonProperty(required = true) Map<Integer, Long> statusCodes,
        @JsonProperty(required = true) long bytesReceived,
        @JsonProperty(required = true) LatencySnapshot latency,
        @JsonProperty(required = true) LatencySnapshot serviceTime,
        @JsonProperty(required = true) LatencySnapshot sendLag) {

    /** Nothing recorded. */
    public static final RequestStats EMPTY = new RequestStats(OutcomeCounts.ZERO, Map.of(), 0,
            LatencySnapshot.empty(), LatencySnapshot.empty(), LatencySnapshot.empty());

    /** Lowest status code {@link #statusCodes} may hold. */
    public static final int MIN_STATUS = 100;

    /** Highest status code {@link #statusCodes} may hold. */
    public static final int MAX_STATUS = 999;

    public RequestStats {
        MessageFieldChecks.required(outcomes, "outcomes");
        MessageFieldChecks.required(statusCodes, "statusCodes");
        MessageFieldChecks.nonNegative(bytesReceived, "bytesReceived");
        MessageFieldChecks.required(latency, "latency");
        MessageFieldChecks.required(serviceTime, "serviceTime");
        MessageFieldChecks.required(sendLag, "sendLag");
        TreeMap<Integer, Long> codes = new TreeMap<>();
        statusCodes.forEach((code, count) -> {
            if (code == null || code < MIN_STATUS || code > MAX_STATUS) {
                throw new IllegalArgumentException("statusCodes key " + code + " is not an HTTP status code");
            }
            if (count == null || count < 0) {
                throw new IllegalArgumentException("statusCodes[" + code + "] must be >= 0, got " + count);
            }
            codes.put(code, count);
        });
        statusCodes = Collections.unmodifiableMap(codes);
    }

    /** Both sets of requests together: counts added, histograms merged. */
    public RequestStats plus(RequestStats other) {
        Map<Integer, Long> codes = new TreeMap<>(statusCodes);
        other.statusCodes.forEach((code, n) -> codes.merge(code, n, RequestStats::saturatedSum));
        return new RequestStats(outcomes.plus(other.outcomes), codes,
                saturatedSum(bytesReceived, other.bytesReceived), latency.merge(other.latency),
                serviceTime.merge(other.serviceTime), sendLag.merge(other.sendLag));
    }

    /** Responses with status {@code code}, 0 when none. */
    public long status(int code) {
        return statusCodes.getOrDefault(code, 0L);
    }

    /**
     * {@code a + b} for counts that are never negative, stopping at {@link Long#MAX_VALUE}: a peer that reports
     * absurd byte or status counts must not turn a sum negative and break the invariants downstream.
     */
    static long saturatedSum(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
