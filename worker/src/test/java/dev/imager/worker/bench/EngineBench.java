package dev.imager.worker.bench;

import dev.imager.protocol.latency.LatencySnapshot;
import dev.imager.protocol.message.HttpVersionChoice;
import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.message.RequestSpec;
import dev.imager.protocol.message.RequestStats;
import dev.imager.worker.engine.EngineSettings;
import dev.imager.worker.engine.HttpEngine;
import dev.imager.worker.engine.JobRun;
import dev.imager.worker.metrics.WorkerMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Drives the worker engine the way the coordinator does (one round per second, split into jobs of at most
 * {@code maxJobSize} interleaved requests, each published {@code planAhead} before its start) at fixed
 * rates, and prints per rate: achieved rate, outcomes and send-lag / latency percentiles.
 *
 * <p>Usage: {@code EngineBench <target-url> <seconds-per-rate> <event-loops> [http=1.1|2|auto] <rate> [<rate> ...]}
 * (HTTP version {@code auto} by default, the coordinator's default: HTTP/1.1 on an http target). Prints one line
 * per rate, machine-readable: {@code RESULT rate=.. achieved=.. ok=.. dropped=.. failed=.. lagP99us=..
 * latP50us=.. latP99us=.. connections=..}.
 */
public final class EngineBench {

    private static final int MAX_JOB_SIZE = 2_000;
    private static final long PLAN_AHEAD_NANOS = 200_000_000L;

    private EngineBench() {
    }

    public static void main(String[] args) throws Exception {
        String target = args[0];
        int seconds = Integer.parseInt(args[1]);
        int loops = Integer.parseInt(args[2]);
        int first = 3;
        HttpVersionChoice version = HttpVersionChoice.AUTO;
        if (args.length > 3 && args[3].startsWith("http=")) {
            version = HttpVersionChoice.ofWire(args[3].substring("http=".length()));
            first = 4;
        }
        EngineSettings settings = EngineSettings.defaults().withEventLoops(loops).withMaxInFlight(50_000)
                .withMaxConnectionsPerTarget(4_000).withInsecureSkipVerify(true);
        try (HttpEngine engine = new HttpEngine(settings, WorkerMetrics.NOOP)) {
            // Warm-up: JIT (the compiled hot path is what is measured) and connections.
            runRate(engine, target, version, 5_000, 2);
            runRate(engine, target, version, 20_000, 3);
            for (int i = first; i < args.length; i++) {
                int rate = Integer.parseInt(args[i]);
                System.out.println(runRate(engine, target, version, rate, seconds));
            }
        }
    }

    static String runRate(HttpEngine engine, String target, HttpVersionChoice version, int rate, int seconds)
            throws Exception {
        RequestSpec spec = RequestSpec.get("/", "");
        List<CompletableFuture<JobRun>> finished = Collections.synchronizedList(new ArrayList<>());
        List<JobRun> runs = new ArrayList<>();
        long first = System.nanoTime() + PLAN_AHEAD_NANOS;
        for (int s = 0; s < seconds; s++) {
            long roundStart = first + s * 1_000_000_000L;
            long sleep = roundStart - PLAN_AHEAD_NANOS - System.nanoTime();
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            }
            int jobs = (rate + MAX_JOB_SIZE - 1) / MAX_JOB_SIZE;
            for (int k = 0; k < jobs; k++) {
                int n = (rate - k + jobs - 1) / jobs;
                long[] offsets = new long[n];
                for (int i = 0; i < n; i++) {
                    long global = k + (long) i * jobs;
                    offsets[i] = global * 1_000_000L / rate;
                }
                Job job = new Job("bench", s, "r" + s + "-j" + k, 1, offsets, Collections.nCopies(n, spec),
                        List.of(target), 2_000, version, Job.DEFAULT_MAX_REDIRECTS);
                CompletableFuture<JobRun> done = new CompletableFuture<>();
                finished.add(done);
                JobRun run = engine.prepare(job, "bench", "bench", roundStart, done::complete);
                runs.add(run);
                run.launch();
            }
        }
        CompletableFuture.allOf(finished.toArray(new CompletableFuture[0])).get(seconds + 30L, TimeUnit.SECONDS);
        RequestStats stats = RequestStats.EMPTY;
        for (JobRun run : runs) {
            stats = stats.plus(run.collect(Duration.ofSeconds(10), false).stats());
        }
        OutcomeCounts sum = stats.outcomes();
        LatencySnapshot lag = stats.sendLag();
        LatencySnapshot latency = stats.latency();
        double achieved = (double) sum.ok() / seconds;
        return String.format(Locale.ROOT,
                "RESULT rate=%d achieved=%.0f ok=%d dropped=%d failed=%d lagP50us=%d lagP99us=%d latP50us=%d latP99us=%d "
                        + "connections=%d protocols=%s",
                rate, achieved, sum.ok(), sum.dropped(), sum.failed(), lag.valueAtPercentileMicros(50),
                lag.valueAtPercentileMicros(99), latency.valueAtPercentileMicros(50), latency.valueAtPercentileMicros(99),
                engine.openConnections(), String.join("+", stats.protocols().keySet()));
    }
}
