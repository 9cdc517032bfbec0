package dev.imager.coordinator.ledger;

import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.message.RequestStats;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a job-result delta's histograms and status codes agree with its outcome counts, by how a worker records
 * them. For each request that ends, in the delta in which it ends:
 * <ul>
 *   <li>{@code dropped}: counted, nothing else (it was never sent);</li>
 *   <li>any other outcome: one latency value (from the planned instant), one service-time value if it was
 *       written, at most one status code (a complete response, or headers before a timeout or reset), and its
 *       body bytes;</li>
 *   <li>{@code ok} needs a 2xx or 3xx status, {@code http4xx} a 4xx, {@code http5xx} a 5xx.</li>
 * </ul>
 * A request's send lag is recorded when it is written, which may be in an earlier delta than its end. So, per delta:
 * {@code latency == ok + failed}, {@code serviceTime <= latency}, {@code sum(statusCodes) <= ok + failed}, each of
 * ok, 4xx and 5xx at most its status class, and no bytes without a request that ended; and over a job's deltas so far:
 * {@code serviceTime <= sendLag <= requests - dropped}. Pure.
 */
final class StatsConsistency {

    private StatsConsistency() {
    }

    /** What disagrees within one delta, if anything. */
    static Optional<String> problem(RequestStats stats) {
        OutcomeCounts o = stats.outcomes();
        long ended = o.sent();
        if (stats.latency().count() != ended) {
            return Optional.of(stats.latency().count() + " latency values for " + ended + " requests that ended");
        }
        if (stats.serviceTime().count() > ended) {
            return Optional.of(stats.serviceTime().count() + " service times for " + ended + " requests that ended");
        }
        long statuses = 0;
        long[] byClass = new long[10];
        for (Map.Entry<Integer, Long> e : stats.statusCodes().entrySet()) {
            statuses = saturated(statuses + e.getValue());
            byClass[e.getKey() / 100] = saturated(byClass[e.getKey() / 100] + e.getValue());
        }
        if (statuses > ended) {
            return Optional.of(statuses + " status codes for " + ended + " requests that ended");
        }
        if (o.ok() > byClass[2] + byClass[3] || o.http4xx() > byClass[4] || o.http5xx() > byClass[5]) {
            return Optional.of("outcomes ok " + o.ok() + ", 4xx " + o.http4xx() + ", 5xx " + o.http5xx()
                    + " exceed their status codes " + stats.statusCodes());
        }
        if (ended == 0 && stats.bytesReceived() > 0) {
            return Optional.of(stats.bytesReceived() + " bytes received with no request ended");
        }
        return Optional.empty();
    }

    /**
     * What disagrees over a job's deltas so far (this one included), if anything.
     *
     * @param requests the job's planned requests
     * @param dropped its dropped requests so far
     * @param sendLags its send-lag values so far
     * @param serviceTimes its service-time values so far
     */
    static Optional<String> cumulativeProblem(long requests, long dropped, long sendLags, long serviceTimes) {
        if (sendLags > requests - dropped) {
            return Optional.of(sendLags + " requests written, but only " + (requests - dropped)
                    + " of the job's were not dropped");
        }
        if (serviceTimes > sendLags) {
            return Optional.of(serviceTimes + " service times for " + sendLags + " requests written");
        }
        return Optional.empty();
    }

    private static long saturated(long sum) {
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
