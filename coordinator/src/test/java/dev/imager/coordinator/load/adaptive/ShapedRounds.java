package dev.imager.coordinator.load.adaptive;

import dev.imager.coordinator.load.RoundObservation;
import dev.imager.protocol.latency.LatencySnapshot;
import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.message.RequestStats;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Rounds for the search's tests whose latency has a shape, unlike {@link dev.imager.coordinator.load.Obs}'s single
 * value: a queue climbing through the round, or the percentiles a real run recorded. Every planned request is ok.
 */
final class ShapedRounds {

    private ShapedRounds() {
    }

    /**
     * A round whose corrected latency climbs evenly from {@code fromMs} to {@code toMs}, as when a queue grows
     * through it (or stays flat when both are equal).
     */
    static RoundObservation climbing(long round, double rate, double fromMs, double toMs) {
        long planned = Math.round(rate);
        return quantiles(round, rate, planned, new double[] {0, 1}, new double[] {fromMs, toMs}, 0.2);
    }

    /**
     * A round as a real run's report recorded it: {@code planned} requests whose latency passes through the
     * recorded percentiles (p50, p90, p99 and the maximum, in ms), rising from {@code minMs}.
     */
    static RoundObservation recorded(long round, double rate, long planned, double minMs, double p50, double p90,
            double p99, double max, double sendLagP99Ms) {
        return recorded(round, rate, planned, minMs, p50, p90, p99, max, sendLagP99Ms, p99);
    }

    /** As {@link #recorded}, with the service time's p99 as recorded too (the rest of it scaled alike). */
    static RoundObservation recorded(long round, double rate, long planned, double minMs, double p50, double p90,
            double p99, double max, double sendLagP99Ms, double serviceP99Ms) {
        return quantiles(round, rate, planned, new double[] {0, 0.5, 0.9, 0.99, 1},
                new double[] {minMs, p50, p90, p99, max}, sendLagP99Ms, serviceP99Ms / p99);
    }

    /**
     * A round of a climbing queue as a real run's report recorded it (p50, p90, p99 and the maximum, in ms): the
     * report keeps no percentile below the median, so the lower half is taken as the mirror of the upper one down
     * to p10 (as far below p50 as p90 is above it), then down to the p50 less the climb's half.
     */
    static RoundObservation recordedClimb(long round, double rate, long planned, double p50, double p90, double p99,
            double max, double sendLagP99Ms, double serviceP99Ms) {
        double p10 = p50 - (p90 - p50);
        return quantiles(round, rate, planned, new double[] {0, 0.1, 0.5, 0.9, 0.99, 1},
                new double[] {p50 - (p90 - p50) * 1.25, p10, p50, p90, p99, max}, sendLagP99Ms, serviceP99Ms / p99);
    }

    /**
     * As {@link #recorded(long, double, long, double, double, double, double, double, double, double)}, for a round
     * the generator sent late throughout: every request {@code sendLagP50Ms} late but the last 2 %.
     */
    static RoundObservation recordedLate(long round, double rate, long planned, double minMs, double p50, double p90,
            double p99, double max, double sendLagP50Ms, double sendLagP99Ms, double serviceP99Ms) {
        return quantiles(round, rate, planned, new double[] {0, 0.5, 0.9, 0.99, 1},
                new double[] {minMs, p50, p90, p99, max}, sendLagP50Ms, sendLagP99Ms, serviceP99Ms / p99);
    }

    private static RoundObservation quantiles(long round, double rate, long planned, double[] at, double[] ms,
            double sendLagMs) {
        return quantiles(round, rate, planned, at, ms, sendLagMs, 1);
    }

    private static RoundObservation quantiles(long round, double rate, long planned, double[] at, double[] ms,
            double sendLagMs, double serviceShare) {
        return quantiles(round, rate, planned, at, ms, Math.min(0.5, sendLagMs), sendLagMs, serviceShare);
    }

    private static RoundObservation quantiles(long round, double rate, long planned, double[] at, double[] ms,
            double sendLagP50Ms, double sendLagMs, double serviceShare) {
        Histogram latency = LatencySnapshot.newHistogram();
        Histogram service = LatencySnapshot.newHistogram();
        Histogram lag = LatencySnapshot.newHistogram();
        for (long i = 0; i < planned; i++) {
            double q = planned == 1 ? 0.5 : (double) i / (planned - 1);
            double value = interpolate(at, ms, q);
            LatencySnapshot.record(latency, Math.round(value * 1000));
            LatencySnapshot.record(service, Math.round(value * serviceShare * 1000));
            // The generator is as late as the p50 for most requests and late for the last 2 %: the recorded p99.
            LatencySnapshot.record(lag, Math.round(1000 * (q >= 0.98 ? sendLagMs : sendLagP50Ms)));
        }
        return observation(round, rate, planned, new OutcomeCounts(planned, 0, 0, 0, 0, 0, 0), Map.of(200, planned),
                LatencySnapshot.copyOf(latency), LatencySnapshot.copyOf(service), LatencySnapshot.copyOf(lag));
    }

    /**
     * What came back of a round still running: {@code back}'s outcomes and latency, for a round of
     * {@code planned} requests at {@code rate}, the generator as late as {@code sendLag} (null: on time).
     */
    static RoundObservation partial(RoundObservation back, double rate, long planned, LatencySnapshot sendLag) {
        return observation(back.round(), rate, planned, back.outcomes(), Map.of(), back.latency(),
                LatencySnapshot.empty(), sendLag == null ? LatencySnapshot.empty() : sendLag);
    }

    /** The one place these tests build an observation (no results lost, something sent). */
    static RoundObservation observation(long round, double rate, long planned, OutcomeCounts outcomes,
            Map<Integer, Long> statusCodes, LatencySnapshot latency, LatencySnapshot serviceTime,
            LatencySnapshot sendLag) {
        return new RoundObservation(round, rate, planned,
                new RequestStats(outcomes, statusCodes, 0, latency, serviceTime, sendLag), 0, false);
    }

    private static double interpolate(double[] at, double[] values, double q) {
        for (int i = 1; i < at.length; i++) {
            if (q <= at[i]) {
                double f = (q - at[i - 1]) / (at[i] - at[i - 1]);
                return values[i - 1] + f * (values[i] - values[i - 1]);
            }
        }
        return values[values.length - 1];
    }
}
