package dev.imager.protocol.message;

import dev.imager.protocol.latency.LatencySnapshot;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Builds {@link RequestStats}: the mutable side of the one statistics value, recorded into request by
 * request on a worker and delta by delta in the coordinator's ledger.
 *
 * <p>Not thread-safe, and never locked: each recorder is confined to one thread at a time. On a worker it is
 * <em>event-loop confined</em>: a job's lane records into one on its loop, and a delta is taken by swapping
 * in a second recorder and handing the first over whole (the hand-over through a future is the only
 * synchronisation), then {@link #reset()} for reuse with the histograms at the size they grew to. In the
 * coordinator each open round and the run have one, owned by the control thread.
 *
 * <p>Recording allocates nothing once the histograms have grown to the values seen. Merging a delta
 * ({@link #add(RequestStats)}) adds its histograms into this recorder's, without copies; a value comes out
 * either as a copy ({@link #snapshot()}) or, for a recorder that is done, by handing its histograms over
 * ({@link #handOver()}).
 */
public final class RequestStatsRecorder {

    private static final int STATUS_SLOTS = RequestStats.MAX_STATUS - RequestStats.MIN_STATUS + 1;
    private static final Outcome[] OUTCOMES = Outcome.values();
    private static final HttpProtocol[] PROTOCOLS = HttpProtocol.values();

    private final long[] outcomes = new long[OUTCOMES.length];
    /** By status code minus {@link RequestStats#MIN_STATUS}; allocated on the first response. */
    private long[] statusCounts;
    /** By protocol ordinal, then like {@link #statusCounts}; each allocated on its protocol's first response. */
    private final long[][] protocolCounts = new long[PROTOCOLS.length][];
    private long bytesReceived;
    // Not final: handOver() clears them, so a recorder used after its hand-over fails at once, even on the
    // per-request paths, which check nothing.
    private Histogram latency = LatencySnapshot.newHistogram();
    private Histogram serviceTime = LatencySnapshot.newHistogram();
    private Histogram sendLag = LatencySnapshot.newHistogram();

    /** One request ended in {@code outcome}. */
    public void count(Outcome outcome) {
        outcomes[outcome.ordinal()]++;
    }

    /** {@code n} requests ended in {@code outcome}. */
    public void count(Outcome outcome, long n) {
        outcomes[outcome.ordinal()] += n;
    }

    /** A response with status {@code code}; codes outside 100..999 are not HTTP status codes and are ignored. */
    public void status(int code) {
        if (code < RequestStats.MIN_STATUS || code > RequestStats.MAX_STATUS) {
            return;
        }
        statusSlots()[code - RequestStats.MIN_STATUS]++;
    }

    /**
     * A response with status {@code code} over {@code protocol}: counted by status and by protocol. Codes outside
     * 100..999 are not HTTP status codes and are ignored.
     */
    public void response(HttpProtocol protocol, int code) {
        if (code < RequestStats.MIN_STATUS || code > RequestStats.MAX_STATUS) {
            return;
        }
        statusSlots()[code - RequestStats.MIN_STATUS]++;
        protocolSlots(protocol.ordinal())[code - RequestStats.MIN_STATUS]++;
    }

    /** {@code n} response body bytes received. */
    public void bytes(long n) {
        bytesReceived += n;
    }

    public void latencyMicros(long micros) {
        LatencySnapshot.record(latency, micros);
    }

    public void serviceTimeMicros(long micros) {
        LatencySnapshot.record(serviceTime, micros);
    }

    public void sendLagMicros(long micros) {
        LatencySnapshot.record(sendLag, micros);
    }

    /** Adds what {@code other} recorded (on the thread that owns this recorder, once {@code other} was handed over). */
    public void add(RequestStatsRecorder other) {
        checkNotHandedOver();
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] += other.outcomes[i];
        }
        if (other.statusCounts != null) {
            addSlots(statusSlots(), other.statusCounts);
        }
        for (int p = 0; p < PROTOCOLS.length; p++) {
            if (other.protocolCounts[p] != null) {
                addSlots(protocolSlots(p), other.protocolCounts[p]);
            }
        }
        bytesReceived += other.bytesReceived;
        latency.add(other.latency);
        serviceTime.add(other.serviceTime);
        sendLag.add(other.sendLag);
    }

    /**
     * Adds a value a peer sent. Its counts have passed {@link RequestStats}'s checks but may still be absurd, so
     * sums stop at {@link Long#MAX_VALUE} instead of turning negative.
     */
    public void add(RequestStats stats) {
        checkNotHandedOver();
        OutcomeCounts o = stats.outcomes();
        for (Outcome outcome : OUTCOMES) {
            int i = outcome.ordinal();
            outcomes[i] = RequestStats.saturatedSum(outcomes[i], o.get(outcome));
        }
        if (!stats.statusCodes().isEmpty()) {
            addCodes(statusSlots(), stats.statusCodes());
        }
        stats.protocols().forEach((label, codes) -> HttpProtocol.ofLabel(label)
                .ifPresent(p -> addCodes(protocolSlots(p.ordinal()), codes)));
        bytesReceived = RequestStats.saturatedSum(bytesReceived, stats.bytesReceived());
        stats.latency().addTo(latency);
        stats.serviceTime().addTo(serviceTime);
        stats.sendLag().addTo(sendLag);
    }

    /** Requests that ended in any outcome so far. */
    public long total() {
        long sum = 0;
        for (long n : outcomes) {
            sum += n;
        }
        return sum;
    }

    /** True when no request has ended and none was sent. */
    public boolean isEmpty() {
        return total() == 0 && sendLag.getTotalCount() == 0;
    }

    /** The outcome counts so far: cheap, no histogram is copied. */
    public OutcomeCounts outcomes() {
        return new OutcomeCounts(get(Outcome.OK), get(Outcome.HTTP_4XX), get(Outcome.HTTP_5XX), get(Outcome.TIMEOUT),
                get(Outcome.CONNECT_ERROR), get(Outcome.OTHER_ERROR), get(Outcome.DROPPED));
    }

    /** Everything so far as a value; the histograms are copied, so this recorder goes on recording. */
    public RequestStats snapshot() {
        checkNotHandedOver();
        return new RequestStats(outcomes(), statusCodes(), protocols(), bytesReceived, LatencySnapshot.copyOf(latency),
                LatencySnapshot.copyOf(serviceTime), LatencySnapshot.copyOf(sendLag));
    }

    /**
     * Everything recorded, as a value that takes this recorder's histograms over instead of copying them. The
     * recorder is spent and must not be used again: merging into it, taking another value or resetting it throws
     * {@link IllegalStateException}, and recording a duration fails too (its histograms are gone).
     */
    public RequestStats handOver() {
        checkNotHandedOver();
        RequestStats stats = new RequestStats(outcomes(), statusCodes(), protocols(), bytesReceived,
                LatencySnapshot.owning(latency),
                LatencySnapshot.owning(serviceTime), LatencySnapshot.owning(sendLag));
        latency = null;
        serviceTime = null;
        sendLag = null;
        return stats;
    }

    /** Empties this recorder for reuse; the histograms keep the size they grew to. */
    public void reset() {
        checkNotHandedOver();
        Arrays.fill(outcomes, 0);
        if (statusCounts != null) {
            Arrays.fill(statusCounts, 0);
        }
        for (long[] slots : protocolCounts) {
            if (slots != null) {
                Arrays.fill(slots, 0);
            }
        }
        bytesReceived = 0;
        latency.reset();
        serviceTime.reset();
        sendLag.reset();
    }

    private void checkNotHandedOver() {
        if (latency == null) {
            throw new IllegalStateException("this recorder handed its histograms over to a RequestStats value");
        }
    }

    private long get(Outcome outcome) {
        return outcomes[outcome.ordinal()];
    }

    private long[] statusSlots() {
        if (statusCounts == null) {
            statusCounts = new long[STATUS_SLOTS];
        }
        return statusCounts;
    }

    private long[] protocolSlots(int ordinal) {
        long[] slots = protocolCounts[ordinal];
        if (slots == null) {
            slots = new long[STATUS_SLOTS];
            protocolCounts[ordinal] = slots;
        }
        return slots;
    }

    private static void addSlots(long[] into, long[] from) {
        for (int i = 0; i < STATUS_SLOTS; i++) {
            into[i] += from[i];
        }
    }

    private static void addCodes(long[] into, Map<Integer, Long> codes) {
        codes.forEach((code, n) -> {
            int i = code - RequestStats.MIN_STATUS;
            into[i] = RequestStats.saturatedSum(into[i], n);
        });
    }

    private Map<Integer, Long> statusCodes() {
        return codes(statusCounts);
    }

    private Map<String, Map<Integer, Long>> protocols() {
        Map<String, Map<Integer, Long>> byProtocol = new TreeMap<>();
        for (int p = 0; p < PROTOCOLS.length; p++) {
            Map<Integer, Long> codes = codes(protocolCounts[p]);
            if (!codes.isEmpty()) {
                byProtocol.put(PROTOCOLS[p].label(), codes);
            }
        }
        return byProtocol;
    }

    private static Map<Integer, Long> codes(long[] slots) {
        Map<Integer, Long> codes = new TreeMap<>();
        if (slots != null) {
            for (int i = 0; i < STATUS_SLOTS; i++) {
                if (slots[i] != 0) {
                    codes.put(i + RequestStats.MIN_STATUS, slots[i]);
                }
            }
        }
        return codes;
    }
}
