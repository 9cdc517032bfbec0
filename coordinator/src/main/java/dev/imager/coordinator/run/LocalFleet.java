package dev.imager.coordinator.run;

import dev.imager.protocol.EpochClock;
import dev.imager.protocol.Subjects;
import dev.imager.protocol.transport.Transport;
import dev.imager.worker.Worker;
import dev.imager.worker.WorkerSettings;
import dev.imager.worker.engine.EngineSettings;
import dev.imager.worker.engine.HttpEngine;
import dev.imager.worker.engine.ProxyRules;
import dev.imager.worker.metrics.MicrometerWorkerMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Local mode's workers: N {@link Worker}s in this JVM on the in-memory bus, sharing one HTTP engine (one
 * event loop per core). Same code paths and messages as distributed workers; only the transport differs.
 *
 * <p>The only class of the coordinator that uses the worker module (a test holds it to that). The workers keep
 * their metrics in a registry of their own, which the coordinator's {@code /metrics} serves after its own
 * ({@link #scrape()}): so the coordinator's metrics seam never sees a worker type, nor the workers' a coordinator
 * one.
 */
final class LocalFleet implements AutoCloseable {

    /** Local workers stream results more often: nothing to save on a bus in memory. */
    static final Duration RESULT_INTERVAL = Duration.ofMillis(250);

    private final MicrometerWorkerMetrics metrics = MicrometerWorkerMetrics.withOwnRegistry();
    private final HttpEngine engine;
    private final List<Worker> workers = new ArrayList<>();

    /**
     * Local workers honour HTTP_PROXY, HTTPS_PROXY and NO_PROXY as distributed ones do.
     *
     * @throws IllegalArgumentException naming the variable when the proxy environment cannot be used
     */
    LocalFleet(int count, Transport bus, Subjects subjects) {
        engine = new HttpEngine(EngineSettings.defaults().withProxies(ProxyRules.of(System.getenv(), null)), metrics);
        for (int i = 1; i <= count; i++) {
            WorkerSettings settings = WorkerSettings.defaults("local-" + i).withSubjects(subjects)
                    .withResultInterval(RESULT_INTERVAL);
            workers.add(new Worker(settings, bus, engine, metrics, EpochClock.SYSTEM).start());
        }
        // Once for the fleet, over all its workers: a Worker binds none itself.
        metrics.bindGauges(engine::inFlight, () -> workers.stream().mapToInt(Worker::activeJobs).sum(),
                engine::openConnections);
    }

    /** The workers' metrics in the Prometheus text format (names disjoint from the coordinator's). */
    String scrape() {
        return metrics.scrape();
    }

    @Override
    public void close() {
        workers.forEach(Worker::close);
        engine.close();
    }
}
