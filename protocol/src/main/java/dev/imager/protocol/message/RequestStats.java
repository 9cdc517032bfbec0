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
 * @param statusCodes responses by HTTP status code (100 to 999), in ascending order; a followed redirect's 3xx is a
 *     response too, so a request redirected once adds two
 * @param protocols the same responses by the HTTP version they came over ({@link HttpProtocol#label()}), then by
 *     status code: a bounded breakdown (three versions at most); optional on the wire (empty from workers that
 *     predate it)
 * @param bytesReceived response body bytes
 * @param latency from each request's planned instant to its complete response (coordinated-omission
 *     corrected: what a user would have felt), µs
 * @param serviceTime from each request's actual write to its complete response, µs
 * @param sendLag actual write minus planned instant, for every request sent, µs
 */
public record RequestStats(
        @JsonProperty(required = true) OutcomeCounts outcomes,
        @JsonProperty(required = true) Map<Integer, Long> statusCodes,
        @JsonProperty("protocols") Map<String, Map<Integer, Long>> protocols,
        @JsonProperty(required = true) long bytesReceived,
        @JsonProperty(required = true) LatencySnapshot latency,
        @JsonProperty(required = true) LatencySnapshot serviceTime,
        @JsonProperty(required = true) LatencySnapshot sendLag) {

    /** Nothing recorded. */
    public static final RequestStats EMPTY = new RequestStats(OutcomeCounts.ZERO, Map.of(), Map.of(), 0,
            LatencySnapshot.empty(), LatencySnapshot.empty(), LatencySnapshot.empty());

    /** Lowest status code {@link #statusCodes} may hold. */
    public static final int MIN_STATUS = 100;

    /** Highest status code {@link #statusCodes} may hold. */
    public static final int MAX_STATUS = 999;

    /** Stats without the breakdown by protocol. */
    public RequestStats(OutcomeCounts outcomes, Map<Integer, Long> statusCodes, long bytesReceived,
            LatencySnapshot latency, LatencySnapshot serviceTime, LatencySnapshot sendLag) {
        this(outcomes, statusCodes, Map.of(), bytesReceived, latency, serviceTime, sendLag);
    }

    public RequestStats {
        MessageFieldChecks.required(outcomes, "outcomes");
        MessageFieldChecks.nonNegative(bytesReceived, "bytesReceived");
        MessageFieldChecks.required(latency, "latency");
        MessageFieldChecks.required(serviceTime, "serviceTime");
        MessageFieldChecks.required(sendLag, "sendLag");
        statusCodes = checkedCodes(statusCodes, "statusCodes");
        TreeMap<String, Map<Integer, Long>> byProtocol = new TreeMap<>();
        if (protocols != null) {
            protocols.forEach((label, codes) -> {
                if (label == null || HttpProtocol.ofLabel(label).isEmpty()) {
                    throw new IllegalArgumentException("protocols key " + label + " is not one of HTTP/1.0, HTTP/1.1, HTTP/2");
                }
                byProtocol.put(label, checkedCodes(codes, "protocols[" + label + "]"));
            });
        }
        protocols = Collections.unmodifiableMap(byProtocol);
    }

    private static Map<Integer, Long> checkedCodes(Map<Integer, Long> counts, String field) {
        if (counts == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        TreeMap<Integer, Long> codes = new TreeMap<>();
        counts.forEach((code, count) -> {
            if (code == null || code < MIN_STATUS || code > MAX_STATUS) {
                throw new IllegalArgumentException(field + " key " + code + " is not an HTTP status code");
            }
            if (count == null || count < 0) {
                throw new IllegalArgumentException(field + "[" + code + "] must be >= 0, got " + count);
            }
            codes.put(code, count);
        });
        return Collections.unmodifiableMap(codes);
    }

    /** Both sets of requests together: counts added, histograms merged. */
    public RequestStats plus(RequestStats other) {
        Map<String, Map<Integer, Long>> byProtocol = new TreeMap<>(protocols);
        other.protocols.forEach((label, codes) -> byProtocol.merge(label, codes, RequestStats::sum));
        return new RequestStats(outcomes.plus(other.outcomes), sum(statusCodes, other.statusCodes), byProtocol,
                saturatedSum(bytesReceived, other.bytesReceived), latency.merge(other.latency),
                serviceTime.merge(other.serviceTime), sendLag.merge(other.sendLag));
    }

    private static Map<Integer, Long> sum(Map<Integer, Long> a, Map<Integer, Long> b) {
        Map<Integer, Long> codes = new TreeMap<>(a);
        b.forEach((code, n) -> codes.merge(code, n, RequestStats::saturatedSum));
        return codes;
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
