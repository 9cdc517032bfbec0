package dev.imager.sumservice;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * An open-model load generator for tests: request {@code i} is planned at {@code start + i / rate} and sent
 * then (or as soon after as the ticker can), never waiting for earlier responses, and its latency is
 * measured from the planned instant, as wrk2 does, so a slow server cannot slow the arrivals down.
 */
final class OpenLoopClient {

    /** One request's fate; {@code status} is -1 when no response came ({@code error} says why). */
    record Result(int index, long plannedNanos, long completedNanos, int status, Throwable error) {
        long latencyNanos() {
            return completedNanos - plannedNanos;
        }
    }

    private final HttpClient client;

    OpenLoopClient(HttpClient client) {
        this.client = client;
    }

    /**
     * Sends {@code count} GETs at {@code rps} and waits for every response, at most {@code timeout}.
     *
     * @throws AssertionError if not every request completed in time
     */
    List<Result> run(IntFunction<URI> target, double rps, int count, Duration timeout) throws InterruptedException {
        return run(List.of(target), rps, count, timeout).get(0);
    }

    /**
     * Like {@link #run(IntFunction, double, int, Duration)}, but each tick sends one request to every target
     * at the same planned instant, so the targets' latencies are measured under the same machine noise.
     * Returns one result list per target.
     */
    List<List<Result>> run(List<IntFunction<URI>> targets, double rps, int count, Duration timeout)
            throws InterruptedException {
        long periodNanos = Math.round(1e9 / rps);
        Result[][] results = new Result[targets.size()][count];
        CountDownLatch completed = new CountDownLatch(count * targets.size());
        AtomicInteger next = new AtomicInteger();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "open-loop-ticker");
            thread.setDaemon(true);
            return thread;
        });
        long start = System.nanoTime();
        try {
            // Fixed rate: a late tick is followed by quick catch-up ticks, so arrivals stay on the plan.
            ScheduledFuture<?> ticks = ticker.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i >= count) {
                    return;
                }
                long planned = start + i * periodNanos;
                for (int t = 0; t < targets.size(); t++) {
                    Result[] forTarget = results[t];
                    HttpRequest request = HttpRequest.newBuilder(targets.get(t).apply(i)).timeout(timeout).GET().build();
                    client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                        forTarget[i] = new Result(i, planned, System.nanoTime(),
                                error == null ? response.statusCode() : -1, error);
                        completed.countDown();
                    });
                }
            }, 0, periodNanos, TimeUnit.NANOSECONDS);
            boolean done = completed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            ticks.cancel(false);
            if (!done) {
                throw new AssertionError(completed.getCount() + " of " + count * targets.size()
                        + " requests still open after " + timeout);
            }
        } finally {
            ticker.shutdownNow();
        }
        List<List<Result>> perTarget = new ArrayList<>();
        for (Result[] forTarget : results) {
            perTarget.add(Arrays.asList(forTarget));
        }
        return perTarget;
    }

    /** The {@code q}-quantile (0 < q <= 1) of the latencies, by the nearest-rank method, in milliseconds. */
    static double percentileMillis(List<Result> results, double q) {
        long[] sorted = results.stream().mapToLong(Result::latencyNanos).sorted().toArray();
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
