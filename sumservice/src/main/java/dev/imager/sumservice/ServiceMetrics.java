package dev.imager.sumservice;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * Request counters, a latency histogram and the capacity-simulation gauges, rendered by hand in the
 * Prometheus text exposition format 0.0.4.
 *
 * <p>Hand-written rather than Micrometer because the service exposes five series and must stay a small,
 * dependency-light jar. Every label is bounded: {@code path} is one of the four {@link Route} labels and
 * {@code status} is one of the handful of codes this service produces.
 *
 * <p>Thread-safe: every event loop records into {@link LongAdder}s, and rendering reads them without
 * locking. A scrape racing with requests may see a histogram's {@code _sum} a request ahead of or behind its
 * buckets, which Prometheus tolerates; {@code _count} is always the {@code +Inf} bucket, as the format
 * requires.
 */
public final class ServiceMetrics {

    /** Content type of {@link #render()}: the Prometheus text format, version 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /**
     * Upper bounds of the latency buckets in seconds: 1 ms to 10 s in 1-2.5-5 steps. Unsimulated requests
     * land in the first buckets; the simulation's service times (typically 10–100 ms) and the queueing delay
     * that grows without bound above capacity spread over the rest.
     */
    static final double[] BUCKET_BOUNDS_SECONDS = {
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    };

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Map<Route, Map<Integer, LongAdder>> requests = new EnumMap<>(Route.class);
    private final Map<Route, DurationHistogram> durations = new EnumMap<>(Route.class);
    private final IntSupplier inflight;
    private final IntSupplier queueDepth;
    private final double capacityRps;

    /**
     * @param inflight simulated {@code /sum} requests being served now (0 when the simulation is off)
     * @param queueDepth simulated {@code /sum} requests waiting for a slot (0 when off)
     * @param capacityRps the simulated capacity in requests per second (0 when off)
     */
    public ServiceMetrics(IntSupplier inflight, IntSupplier queueDepth, double capacityRps) {
        this.inflight = inflight;
        this.queueDepth = queueDepth;
        this.capacityRps = capacityRps;
        for (Route route : Route.values()) {
            // Both maps are filled here and only read afterwards, so sharing them across threads is safe.
            requests.put(route, new ConcurrentHashMap<>());
            durations.put(route, new DurationHistogram());
        }
        // Known-good series exist from the start, so rate() over them works from the first scrape.
        requests.get(Route.SUM).put(200, new LongAdder());
        requests.get(Route.HEALTHZ).put(200, new LongAdder());
        requests.get(Route.METRICS).put(200, new LongAdder());
    }

    /** Metrics for a service without the capacity simulation. */
    public static ServiceMetrics withoutSimulation() {
        return new ServiceMetrics(() -> 0, () -> 0, 0.0);
    }

    /** Records one answered request; {@code durationNanos} runs from the complete request to the response. */
    public void record(Route route, int status, long durationNanos) {
        requests.get(route).computeIfAbsent(status, s -> new LongAdder()).increment();
        durations.get(route).observe(Math.max(0, durationNanos));
    }

    /** How many requests to {@code route} were answered with {@code status} so far. */
    public long requestCount(Route route, int status) {
        LongAdder adder = requests.get(route).get(status);
        return adder == null ? 0 : adder.sum();
    }

    /** All series in the Prometheus text format, with {@code # HELP} and {@code # TYPE} lines. */
    public String render() {
        StringBuilder out = new StringBuilder(4096);
        out.append("# HELP sumservice_requests_total HTTP requests answered, by path and status code.\n")
                .append("# TYPE sumservice_requests_total counter\n");
        for (Route route : Route.values()) {
            for (Map.Entry<Integer, LongAdder> entry : new TreeMap<>(requests.get(route)).entrySet()) {
                out.append("sumservice_requests_total{path=\"").append(route.label())
                        .append("\",status=\"").append(entry.getKey()).append("\"} ")
                        .append(entry.getValue().sum()).append('\n');
            }
        }

        out.append("# HELP sumservice_request_duration_seconds Time from a complete request to its response,"
                        + " including time queued by the capacity simulation.\n")
                .append("# TYPE sumservice_request_duration_seconds histogram\n");
        for (Route route : Route.values()) {
            durations.get(route).render(out, route.label());
        }

        gauge(out, "sumservice_inflight",
                "Simulated /sum requests being served now (at most the simulated concurrency).",
                Integer.toString(inflight.getAsInt()));
        gauge(out, "sumservice_queue_depth",
                "Simulated /sum requests waiting for a free slot.",
                Integer.toString(queueDepth.getAsInt()));
        gauge(out, "sumservice_simulated_capacity_rps",
                "Capacity of the simulation in requests per second (concurrency*1000/service time); 0 when off.",
                formatDouble(capacityRps));
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String help, String value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(value).append('\n');
    }

    /** Shortest plain decimal: {@code 0.0025}, {@code 10}, never {@code 1.0E-3}. */
    static String formatDouble(double value) {
        if (value == 0) {
            return "0";
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** One path's latency histogram: a counter per bucket (non-cumulative until rendered) and a sum. */
    private static final class DurationHistogram {
        private static final long[] BOUNDS_NANOS = new long[BUCKET_BOUNDS_SECONDS.length];
        private static final String[] BOUND_LABELS = new String[BUCKET_BOUNDS_SECONDS.length];

        static {
            for (int i = 0; i < BUCKET_BOUNDS_SECONDS.length; i++) {
                BOUNDS_NANOS[i] = Math.round(BUCKET_BOUNDS_SECONDS[i] * NANOS_PER_SECOND);
                BOUND_LABELS[i] = formatDouble(BUCKET_BOUNDS_SECONDS[i]);
            }
        }

        /** One more slot than bounds: the last counts observations above the largest bound. */
        private final LongAdder[] buckets = new LongAdder[BOUNDS_NANOS.length + 1];
        private final LongAdder sumNanos = new LongAdder();

        DurationHistogram() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void observe(long nanos) {
            int i = 0;
            while (i < BOUNDS_NANOS.length && nanos > BOUNDS_NANOS[i]) {
                i++;
            }
            buckets[i].increment();
            sumNanos.add(nanos);
        }

        void render(StringBuilder out, String path) {
            long cumulative = 0;
            for (int i = 0; i < buckets.length; i++) {
                cumulative += buckets[i].sum();
                String le = i < BOUND_LABELS.length ? BOUND_LABELS[i] : "+Inf";
                out.append("sumservice_request_duration_seconds_bucket{path=\"").append(path)
                        .append("\",le=\"").append(le).append("\"} ").append(cumulative).append('\n');
            }
            out.append("sumservice_request_duration_seconds_sum{path=\"").append(path).append("\"} ")
                    .append(formatDouble(sumNanos.sum() / (double) NANOS_PER_SECOND)).append('\n');
            out.append("sumservice_request_duration_seconds_count{path=\"").append(path).append("\"} ")
                    .append(cumulative).append('\n');
        }
    }
}
