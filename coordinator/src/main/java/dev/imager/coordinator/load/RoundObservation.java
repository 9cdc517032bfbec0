package dev.imager.coordinator.load;

import dev.imager.protocol.latency.LatencySnapshot;
import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.message.RequestStats;
import java.util.Objects;

/**
 * What happened in one completed round, as the result ledger merged it from every job's results.
 * Every planned request is in exactly one place: {@code planned = stats.outcomes().total() + lost}.
 *
 * @param round the round number (as passed to {@link LoadCalculator#nextRate(long)})
 * @param rate the rate (rps) the round was planned at
 * @param planned requests planned for the round
 * @param stats what the workers reported: outcomes of the sent (and dropped) requests, status codes, and the
 *     corrected latency (planned instant to response: what users feel), service time (actual send to response:
 *     what the target alone took) and send lag (planned instant to actual send: how late the generator was)
 * @param lost requests whose job was never acknowledged or whose worker vanished before reporting
 * @param notSent true when nothing could be sent at all (no live worker or no target)
 */
public record RoundObservation(
        long round,
        double rate,
        long planned,
        RequestStats stats,
        long lost,
        boolean notSent) {

    /** Half the requests timing out means the target is overloaded: the original's timeout-mode rule. */
    public static final double TIMEOUT_RATIO_LIMIT = 0.5;

    /**
     * Half the requests failing with 5xx, 429 or refused connections means the target is failing fast
     * under this load: the original ignored such failures, so a target answering 500 instantly
     * looked healthy.
     */
    public static final double TARGET_ERROR_RATIO_LIMIT = 0.5;

    /**
     * A send-lag p99 above 10 ms means the generator could not keep to the plan (a healthy worker
     * sends within a millisecond or two of the planned instant).
     */
    public static final long SEND_LAG_LIMIT_MICROS = 10_000;

    public RoundObservation {
        Objects.requireNonNull(stats, "stats");
        if (rate < 0 || Double.isNaN(rate)) {
            throw new IllegalArgumentException("rate must be >= 0, got " + rate);
        }
        if (planned < 0 || lost < 0) {
            throw new IllegalArgumentException("planned and lost must be >= 0, got " + planned + ", " + lost);
        }
    }

    /** How the requests ended: {@code stats().outcomes()}. */
    public OutcomeCounts outcomes() {
        return stats.outcomes();
    }

    /** Coordinated-omission corrected latency, µs: {@code stats().latency()}. */
    public LatencySnapshot latency() {
        return stats.latency();
    }

    /** Service time, µs: {@code stats().serviceTime()}. */
    public LatencySnapshot serviceTime() {
        return stats.serviceTime();
    }

    /** Send lag, µs: {@code stats().sendLag()}. */
    public LatencySnapshot sendLag() {
        return stats.sendLag();
    }

    /** p99 of the corrected {@link #latency()}, microseconds; 0 when no response was recorded. */
    public long p99Micros() {
        return latency().valueAtPercentileMicros(99.0);
    }

    /**
     * (timeouts + 503 responses + 504 responses) / sent requests; 0 when nothing was sent. 503 and 504
     * count as timeouts as in the original: they are how proxies and overloaded servers say "too slow".
     */
    public double timeoutRatio() {
        return ratio(timeouts());
    }

    /** Timeouts plus 503 and 504 responses: the numerator of {@link #timeoutRatio()}. */
    public long timeouts() {
        return outcomes().timeout() + status(503) + status(504);
    }

    /** failed / sent requests (every kind of failure); 0 when nothing was sent. */
    public double errorRatio() {
        return ratio(outcomes().failed());
    }

    /**
     * (5xx responses + 429 responses + connect errors) / sent requests; 0 when nothing was sent. The
     * failures that mean the target cannot take the load (429 is a target saying so explicitly);
     * 4xx other than 429 are request mistakes, not capacity.
     */
    public double targetErrorRatio() {
        return ratio(targetErrors());
    }

    /** 5xx responses plus 429 responses plus connect errors: the numerator of {@link #targetErrorRatio()}. */
    public long targetErrors() {
        return outcomes().http5xx() + outcomes().connectError() + status(429);
    }

    /**
     * True when the load generator, not the target, limited this round, so the round says nothing
     * about the target's capacity. That is when
     * <ul>
     *   <li>{@code notSent}: nothing could be sent (no live worker or target), or requests were
     *       planned but none was sent;</li>
     *   <li>{@code lost > 0}: results are missing, so the round's picture is incomplete; or</li>
     *   <li>the generator was strained — it dropped requests, or its send-lag p99 exceeded
     *       {@link #SEND_LAG_LIMIT_MICROS} — while the target itself looked healthy: service-time
     *       p99 within {@code maxLatencyMs} (latency mode only), timeout ratio below
     *       {@link #TIMEOUT_RATIO_LIMIT} and target-error ratio below {@link #TARGET_ERROR_RATIO_LIMIT}.</li>
     * </ul>
     * Why the last rule: a late send inflates the corrected latency by the lateness, so a strained
     * generator makes a healthy target look slow. But when the target's own service time is also bad,
     * the generator's backlog is the target's doing (connections held by slow responses), and the
     * round is a genuine target failure.
     *
     * @param maxLatencyMs the adaptive p99 limit; 0 = timeout mode
     */
    public boolean generatorLimited(long maxLatencyMs) {
        if (notSent || lost > 0 || (planned > 0 && outcomes().sent() == 0)) {
            return true;
        }
        boolean strained = outcomes().dropped() > 0 || sendLag().valueAtPercentileMicros(99.0) > SEND_LAG_LIMIT_MICROS;
        if (!strained) {
            return false;
        }
        boolean serviceTimeOk = maxLatencyMs <= 0
                || serviceTime().valueAtPercentileMicros(99.0) <= saturatedMicros(maxLatencyMs);
        return serviceTimeOk && timeoutRatio() < TIMEOUT_RATIO_LIMIT && targetErrorRatio() < TARGET_ERROR_RATIO_LIMIT;
    }

    /** Responses with {@code code}, 0 when none. */
    public long status(int code) {
        return stats.status(code);
    }

    /** {@code millis} in microseconds, saturating at {@link Long#MAX_VALUE} instead of overflowing. */
    public static long saturatedMicros(long millis) {
        return millis > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : millis * 1000;
    }

    private double ratio(long count) {
        long sent = outcomes().sent();
        return sent <= 0 ? 0 : Math.min(1.0, (double) count / sent);
    }
}
