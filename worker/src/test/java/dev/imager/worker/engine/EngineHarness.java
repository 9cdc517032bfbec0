package dev.imager.worker.engine;

import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.UsersJob;
import dev.imager.protocol.message.JobResult;
import dev.imager.worker.metrics.WorkerMetrics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.concurrent.TimeUnit;

/** Runs jobs on a real engine and waits for their final results. */
final class EngineHarness implements AutoCloseable {

    final HttpEngine engine;

    EngineHarness(EngineSettings settings) {
        this(settings, TargetPolicy.ANY);
    }

    EngineHarness(EngineSettings settings, TargetPolicy redirects) {
        this.engine = new HttpEngine(settings, WorkerMetrics.NOOP, redirects);
    }

    /** An engine that releases a target's pool after {@code idlePoolRelease} unused. */
    EngineHarness(EngineSettings settings, Duration idlePoolRelease) {
        this.engine = new HttpEngine(settings, WorkerMetrics.NOOP, TargetPolicy.ANY, idlePoolRelease);
    }

    EngineHarness() {
        this(EngineSettings.defaults().withEventLoops(2).withConnectTimeout(Duration.ofSeconds(2)));
    }

    /** A started job and the future of its completion. */
    record Started(JobRun run, long startNanos, CompletableFuture<JobRun> finished) {

        /** Waits until every request has an outcome, then gathers the whole result in one delta. */
        JobResult awaitResult(Duration timeout) throws Exception {
            finished.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return run.collect(timeout, false);
        }
    }

    /** Starts {@code job} with its offsets counted from {@code leadMillis} from now. */
    Started start(Job job, long leadMillis) {
        return start(leadMillis, (start, finished) -> engine.prepare(job, "reply", "worker-test", start, finished));
    }

    /** Starts closed-model {@code job}, its users from {@code leadMillis} from now. */
    Started start(UsersJob job, long leadMillis) {
        return start(leadMillis, (start, finished) -> engine.prepare(job, "reply", "worker-test", start, finished));
    }

    private Started start(long leadMillis, BiFunction<Long, JobRunListener, JobRun> prepare) {
        CompletableFuture<JobRun> finished = new CompletableFuture<>();
        long start = System.nanoTime() + leadMillis * 1_000_000L;
        JobRun run = prepare.apply(start, finished::complete);
        run.launch();
        return new Started(run, start, finished);
    }

    @Override
    public void close() {
        engine.close();
    }
}
