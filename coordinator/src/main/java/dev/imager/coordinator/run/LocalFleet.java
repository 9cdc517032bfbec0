package dev.imager.coordinator.run;

import dev.imager.protocol.cpu.CpuPinning;
import dev.imager.protocol.EpochClock;
import dev.imager.protocol.Subjects;
import dev.imager.protocol.transport.Transport;
import dev.imager.worker.Worker;
import dev.imager.worker.WorkerSettings;
import dev.imager.worker.engine.EngineSettings;
import dev.imager.worker.engine.HttpEngine;
import dev.imager.worker.engine.ProxyRules;
import dev.imager.worker.engine.TargetAddress;
import dev.imager.worker.metrics.MicrometerWorkerMetrics;
import dev.imager.worker.targets.AllowedTargets;
import dev.imager.worker.targets.TargetRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Local mode's workers: N {@link Worker}s in this JVM on the in-memory bus, sharing one HTTP engine with one event
 * loop per core but one, as a worker ({@link EngineSettings#defaultEventLoops}: the coordinator, the in-memory
 * bus and a target on this machine need a core too). Same code paths and messages as distributed workers; only the
 * transport differs.
 *
 * <p>The workers send requests only to the targets their coordinator resolved (the configured URL, or the pods or
 * service it found): the in-memory bus has no other publisher, and this keeps it so by construction.
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
     * @param targets the base URLs the coordinator resolved so far: the only ones jobs may name. Redirects may lead
     *     anywhere, as the user's own HTTP client would follow them: no one else can publish on this bus
     * @param cpuPinning {@code --cpu-pinning}
     * @throws IllegalArgumentException naming the variable when the proxy environment cannot be used, or when
     *     {@code --cpu-pinning on} cannot pin
     */
    LocalFleet(int count, Transport bus, Subjects subjects, Supplier<List<String>> targets, CpuPinning cpuPinning) {
        engine = new HttpEngine(EngineSettings.defaults()
                .withEventLoops(EngineSettings.defaultEventLoops(Runtime.getRuntime().availableProcessors()))
                .withProxies(ProxyRules.of(System.getenv(), null))
                .withCpuPinning(cpuPinning), metrics);
        AllowedTargets allowed = AllowedTargets.of(List.of(new ResolvedTargets(targets)));
        for (int i = 1; i <= count; i++) {
            WorkerSettings settings = WorkerSettings.defaults("local-" + i).withSubjects(subjects)
                    .withResultInterval(RESULT_INTERVAL).withAllowedTargets(allowed);
            workers.add(new Worker(settings, bus, engine, metrics, EpochClock.SYSTEM));
        }
        // Once for the fleet, over all its workers: a Worker binds none itself.
        metrics.bindGauges(engine::inFlight, () -> workers.stream().mapToInt(Worker::activeJobs).sum(),
                engine::openConnections);
        metrics.bindBus(bus::droppedMessages, bus::slowConsumerEvents);
        metrics.bindUnconfirmed(() -> workers.stream().mapToInt(Worker::unconfirmedResults).sum(),
                () -> workers.stream().mapToLong(Worker::unconfirmedResultBytes).sum());
    }

    /** Allows exactly the hosts and ports of the URLs the coordinator resolved. */
    private record ResolvedTargets(Supplier<List<String>> urls, Map<String, TargetAddress> parsed)
            implements TargetRule {

        ResolvedTargets(Supplier<List<String>> urls) {
            this(urls, new ConcurrentHashMap<>());
        }

        @Override
        public boolean permits(String host, int port) {
            if (parsed.size() > 2 * TargetsSeen.MAX_REMEMBERED) {
                parsed.clear();
            }
            for (String url : urls.get()) {
                TargetAddress target = parsed.computeIfAbsent(url, TargetAddress::parse);
                if (target.port() == port && target.host().equalsIgnoreCase(host)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String describe() {
            return "the targets this coordinator resolved " + urls.get();
        }
    }

    /** Where the engine's event loops run ({@code --cpu-pinning}). */
    String cpuPlacement() {
        return engine.cpuPlacement();
    }

    /**
     * Starts the workers: they subscribe and send their first heartbeat at once. Called when the coordinator listens
     * on the bus, so that first beat registers them: the in-memory bus keeps nothing for a subscriber to come, and a
     * beat sent earlier would leave the run waiting for the next one, a heartbeat interval later.
     */
    void start() {
        workers.forEach(Worker::start);
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
