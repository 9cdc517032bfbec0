package dev.imager.coordinator.load;

import dev.imager.protocol.latency.LatencySnapshot;
import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.message.RequestStats;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds {@link RoundObservation}s for tests: by default every planned request (round(rate)) is ok
 * with a corrected latency and service time of 20 ms and no send lag.
 */
public final class Obs {

    private final long round;
    private final double rate;
    private long planned;
    private long ok = -1;
    private long http4xx;
    private long http5xx;
    private long timeout;
    private long connectError;
    private long otherError;
    private long dropped;
    private long lost;
    private final Map<Integer, Long> status = new HashMap<>();
    private long p99Micros = 20_000;
    private long serviceMicros = -1;
    private long sendLagMicros = 500;
    private boolean notSent;

    // Snapshots are immutable; sharing them keeps 10,000-round tests fast.
    private static final Map<Long, LatencySnapshot> SNAPSHOTS = new ConcurrentHashMap<>();

    private static LatencySnapshot snapshot(long micros) {
        return SNAPSHOTS.computeIfAbsent(micros, LatencySnapshot::ofMicros);
    }

    private Obs(long round, double rate) {
        this.round = round;
        this.rate = rate;
        this.planned = Math.round(rate);
    }

    public static Obs at(long round, double rate) {
        return new Obs(round, rate);
    }

    public Obs planned(long n) {
        planned = n;
        return this;
    }

    public Obs p99Ms(double ms) {
        p99Micros = (long) (ms * 1000);
        return this;
    }

    public Obs serviceMs(double ms) {
        serviceMicros = (long) (ms * 1000);
        return this;
    }

    public Obs sendLagMs(double ms) {
        sendLagMicros = (long) (ms * 1000);
        return this;
    }

    public Obs timeouts(long n) {
        timeout = n;
        return this;
    }

    public Obs http4xx(long n) {
        http4xx = n;
        return this;
    }

    public Obs connectErrors(long n) {
        connectError = n;
        return this;
    }

    public Obs otherErrors(long n) {
        otherError = n;
        return this;
    }

    /** {@code n} responses with status {@code code} (counted as 4xx/5xx too). */
    public Obs status(int code, long n) {
        status.merge(code, n, Long::sum);
        if (code >= 500) {
            http5xx += n;
        } else if (code >= 400) {
            http4xx += n;
        }
        return this;
    }

    public Obs dropped(long n) {
        dropped = n;
        return this;
    }

    public Obs lost(long n) {
        lost = n;
        return this;
    }

    public Obs notSent() {
        notSent = true;
        return this;
    }

    public RoundObservation build() {
        long failed = http4xx + http5xx + timeout + connectError + otherError;
        long okCount = ok >= 0 ? ok : Math.max(0, planned - failed - dropped - lost);
        if (notSent) {
            okCount = 0;
        }
        long sent = okCount + failed;
        status.merge(200, okCount, Long::sum);
        long service = serviceMicros >= 0 ? serviceMicros : p99Micros;
        RequestStats stats = new RequestStats(
                new OutcomeCounts(okCount, http4xx, http5xx, timeout, connectError, otherError, dropped), status, 0,
                sent == 0 ? LatencySnapshot.empty() : snapshot(p99Micros),
                sent == 0 ? LatencySnapshot.empty() : snapshot(service),
                sent == 0 ? LatencySnapshot.empty() : snapshot(sendLagMicros));
        return new RoundObservation(round, rate, planned, stats, lost, notSent);
    }
}
