package dev.imager.coordinator.ledger;

import dev.imager.protocol.latency.LatencySnapshot;
import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.message.OutcomeCounts;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * A mutable sum of results: outcome counts, lost requests, status codes, bytes and the three latency
 * histograms, merged losslessly (percentiles are never averaged). Used for a round while it is open and
 * for the whole run. Not thread-safe.
 */
final class Tally {

    private OutcomeCounts outcomes = OutcomeCounts.ZERO;
    private long lost;
    private final Map<Integer, Long> statusCodes = new TreeMap<>();
    private long bytesReceived;
    private final Histogram latency = LatencySnapshot.newHistogram();
    private final Histogram serviceTime = LatencySnapshot.newHistogram();
    private final Histogram sendLag = LatencySnapshot.newHistogram();
    private boolean closed;

    void add(JobResult r) {
        checkOpen();
        outcomes = outcomes.plus(r.outcomes());
        r.statusCodes().forEach((code, n) -> statusCodes.merge(code, n, Long::sum));
        bytesReceived += r.bytesReceived();
        r.latency().addTo(latency);
        r.serviceTime().addTo(serviceTime);
        r.sendLag().addTo(sendLag);
    }

    void add(RoundTally t) {
        checkOpen();
        outcomes = outcomes.plus(t.outcomes());
        lost += t.lost();
        t.statusCodes().forEach((code, n) -> statusCodes.merge(code, n, Long::sum));
        bytesReceived += t.bytesReceived();
        t.latency().addTo(latency);
        t.serviceTime().addTo(serviceTime);
        t.sendLag().addTo(sendLag);
    }

    void addLost(long n) {
        checkOpen();
        lost += n;
    }

    void addDropped(long n) {
        checkOpen();
        outcomes = outcomes.plus(new OutcomeCounts(0, 0, 0, 0, 0, 0, n));
    }

    OutcomeCounts outcomes() {
        return outcomes;
    }

    long lost() {
        return lost;
    }

    Map<Integer, Long> statusCodes() {
        return Map.copyOf(statusCodes);
    }

    long bytesReceived() {
        return bytesReceived;
    }

    LatencySnapshot latency() {
        return LatencySnapshot.copyOf(latency);
    }

    LatencySnapshot serviceTime() {
        return LatencySnapshot.copyOf(serviceTime);
    }

    LatencySnapshot sendLag() {
        return LatencySnapshot.copyOf(sendLag);
    }

    /**
     * Ends this tally as the {@link RoundTally} of a completed round. Its histograms are handed over to the
     * round's snapshots instead of being copied, so the tally takes no more results afterwards.
     */
    RoundTally close(long round, double rate, long startEpochNanos, long planned, int jobs, String notSentReason,
            boolean warmup) {
        checkOpen();
        closed = true;
        return new RoundTally(round, rate, startEpochNanos, planned, jobs, outcomes, lost, statusCodes(), bytesReceived,
                LatencySnapshot.owning(latency), LatencySnapshot.owning(serviceTime), LatencySnapshot.owning(sendLag),
                notSentReason, warmup);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("tally already closed: its histograms belong to a RoundTally");
        }
    }
}
