package dev.imager.worker.engine;

import dev.imager.protocol.latency.LatencySnapshot;
import dev.imager.protocol.message.Outcome;
import dev.imager.protocol.message.OutcomeCounts;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Results recorded since the last snapshot: outcome counts, status codes, bytes and three latency
 * histograms (microseconds). Mutable and <em>not</em> thread-safe: a lane records into one on its event
 * loop and hands it over whole when the streamer asks for a delta, starting a fresh one.
 */
final class ResultDelta {

    private static final int FIRST_STATUS = 100;
    private static final int STATUS_SLOTS = 900;

    private final long[] outcomes = new long[Outcome.values().length];
    private long[] statusCounts;
    private long bytesReceived;
    private final Histogram latency = LatencySnapshot.newHistogram();
    private final Histogram serviceTime = LatencySnapshot.newHistogram();
    private final Histogram sendLag = LatencySnapshot.newHistogram();

    /** Empties this delta for reuse; histograms keep their size. */
    void reset() {
        java.util.Arrays.fill(outcomes, 0);
        if (statusCounts != null) {
            java.util.Arrays.fill(statusCounts, 0);
        }
        bytesReceived = 0;
        latency.reset();
        serviceTime.reset();
        sendLag.reset();
    }

    void count(Outcome outcome) {
        outcomes[outcome.ordinal()]++;
    }

    void count(Outcome outcome, long n) {
        outcomes[outcome.ordinal()] += n;
    }

    void status(int code) {
        if (code < FIRST_STATUS || code >= FIRST_STATUS + STATUS_SLOTS) {
            return;
        }
        if (statusCounts == null) {
            statusCounts = new long[STATUS_SLOTS];
        }
        statusCounts[code - FIRST_STATUS]++;
    }

    void bytes(long n) {
        bytesReceived += n;
    }

    void latencyMicros(long micros) {
        LatencySnapshot.record(latency, micros);
    }

    void serviceTimeMicros(long micros) {
        LatencySnapshot.record(serviceTime, micros);
    }

    void sendLagMicros(long micros) {
        LatencySnapshot.record(sendLag, micros);
    }

    /** Requests accounted for in this delta. */
    long total() {
        long sum = 0;
        for (long n : outcomes) {
            sum += n;
        }
        return sum;
    }

    /** Adds {@code other} into this one (used by a single thread when merging lane deltas). */
    void add(ResultDelta other) {
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] += other.outcomes[i];
        }
        if (other.statusCounts != null) {
            if (statusCounts == null) {
                statusCounts = new long[STATUS_SLOTS];
            }
            for (int i = 0; i < STATUS_SLOTS; i++) {
                statusCounts[i] += other.statusCounts[i];
            }
        }
        bytesReceived += other.bytesReceived;
        latency.add(other.latency);
        serviceTime.add(other.serviceTime);
        sendLag.add(other.sendLag);
    }

    OutcomeCounts outcomeCounts() {
        return new OutcomeCounts(get(Outcome.OK), get(Outcome.HTTP_4XX), get(Outcome.HTTP_5XX), get(Outcome.TIMEOUT),
                get(Outcome.CONNECT_ERROR), get(Outcome.OTHER_ERROR), get(Outcome.DROPPED));
    }

    long get(Outcome outcome) {
        return outcomes[outcome.ordinal()];
    }

    Map<Integer, Long> statusCodes() {
        Map<Integer, Long> map = new TreeMap<>();
        if (statusCounts != null) {
            for (int i = 0; i < STATUS_SLOTS; i++) {
                if (statusCounts[i] != 0) {
                    map.put(i + FIRST_STATUS, statusCounts[i]);
                }
            }
        }
        return map;
    }

    long bytesReceived() {
        return bytesReceived;
    }

    Histogram latency() {
        return latency;
    }

    Histogram serviceTime() {
        return serviceTime;
    }

    Histogram sendLag() {
        return sendLag;
    }
}
