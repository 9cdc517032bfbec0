package dev.imager.worker;

import dev.imager.protocol.EpochClock;
import dev.imager.protocol.cli.EnvironmentDefaults;
import dev.imager.protocol.cli.GoDuration;
import dev.imager.protocol.cli.NatsOptions;
import dev.imager.protocol.cli.TerminationSignals;
import dev.imager.protocol.transport.NatsSettings;
import dev.imager.protocol.transport.NatsTransport;
import dev.imager.protocol.transport.TransportException;
import dev.imager.worker.engine.EngineSettings;
import dev.imager.worker.engine.HttpEngine;
import dev.imager.worker.metrics.MetricsServer;
import dev.imager.worker.metrics.MicrometerWorkerMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The worker process ("executor" in the original imager). Every option can also be set through an
 * {@code IMAGER_*} environment variable ({@code --max-inflight} → {@code IMAGER_MAX_INFLIGHT}).
 *
 * <p>Exit codes: 0 after a clean drain (SIGTERM/SIGINT), 2 for invalid options, 3 when NATS cannot be
 * reached or the metrics port cannot be bound.
 */
@Command(name = "worker", mixinStandardHelpOptions = true, versionProvider = WorkerMain.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Runs imager jobs from NATS: fires each request at its planned instant and streams results.",
        footer = {"", "Every option can also be set with an environment variable: --max-inflight -> IMAGER_MAX_INFLIGHT."})
public final class WorkerMain implements Callable<Integer> {

    /** Invalid options. */
    public static final int EXIT_USAGE = 2;
    /** NATS unreachable or a port in use. */
    public static final int EXIT_INFRASTRUCTURE = 3;

    private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);

    @Mixin
    NatsOptions nats;

    @Option(names = "--id", paramLabel = "ID", description = "Worker id (default: host name plus a random suffix).")
    String id;

    @Option(names = "--metrics-port", defaultValue = "9100", description = "Port of /metrics and /healthz; 0 picks one, -1 disables (default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--max-inflight", defaultValue = "" + EngineSettings.DEFAULT_MAX_IN_FLIGHT,
            description = "Requests in flight at once; due requests beyond it are dropped (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--max-connections-per-target", defaultValue = "" + EngineSettings.DEFAULT_MAX_CONNECTIONS_PER_TARGET,
            description = "Open connections per target (default: ${DEFAULT-VALUE}).")
    int maxConnectionsPerTarget;

    @Option(names = "--event-loops", description = "Event-loop threads (default: available processors).")
    Integer eventLoops;

    @Option(names = "--heartbeat-interval", defaultValue = "1s", converter = GoDuration.Converter.class,
            description = "How often to beat (default: ${DEFAULT-VALUE}).")
    Duration heartbeatInterval;

    @Option(names = "--result-interval", defaultValue = "500ms", converter = GoDuration.Converter.class,
            description = "How often running jobs stream results, at most 1s (default: ${DEFAULT-VALUE}).")
    Duration resultInterval;

    @Option(names = "--drain-timeout", defaultValue = "20s", converter = GoDuration.Converter.class,
            description = "On SIGTERM, how long running jobs may take before unsent requests are dropped (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Option(names = "--connect-timeout", defaultValue = "5s", converter = GoDuration.Converter.class,
            description = "Longest wait for a connection to a target (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--insecure-skip-verify", arity = "0..1", defaultValue = "false", fallbackValue = "true",
            description = "Accept any TLS certificate from targets (self-signed test targets only).")
    boolean insecureSkipVerify;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Parses {@code args} and runs the worker until it is signalled; returns the exit code. */
    public static int run(String... args) {
        CommandLine cmd = new CommandLine(new WorkerMain()).setDefaultValueProvider(new EnvironmentDefaults());
        cmd.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("worker: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Run 'worker --help' for usage.");
            return EXIT_USAGE;
        });
        return cmd.execute(args);
    }

    @Override
    public Integer call() {
        List<String> problems = validate();
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("worker: " + p));
            return EXIT_USAGE;
        }
        String host = hostName();
        String workerId = id != null ? id : defaultId(host);
        NatsSettings natsSettings = nats.settings("imager-worker-" + workerId);
        EngineSettings engineSettings = new EngineSettings(eventLoopCount(), maxInFlight, maxConnectionsPerTarget,
                connectTimeout, insecureSkipVerify, "imager/" + WorkerVersion.current());
        WorkerSettings settings = WorkerSettings.defaults(workerId).withHost(host).withSubjects(nats.subjects())
                .withHeartbeatInterval(heartbeatInterval).withResultInterval(resultInterval)
                .withDrainTimeout(drainTimeout);

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        MicrometerWorkerMetrics metrics = new MicrometerWorkerMetrics(registry);

        NatsTransport transport;
        try {
            transport = NatsTransport.connect(natsSettings);
        } catch (TransportException e) {
            System.err.println("worker: " + e.getMessage());
            return EXIT_INFRASTRUCTURE;
        }
        HttpEngine engine = new HttpEngine(engineSettings, metrics);
        Worker worker = new Worker(settings, transport, engine, metrics, EpochClock.SYSTEM);
        metrics.bindGauges(engine::inFlight, worker::activeJobs, engine::openConnections);
        MetricsServer metricsServer = null;
        if (metricsPort >= 0) {
            try {
                metricsServer = new MetricsServer("0.0.0.0", metricsPort, registry, transport::isConnected);
                LOG.info("metrics on :{}/metrics", metricsServer.port());
            } catch (IOException e) {
                System.err.println("worker: --metrics-port " + metricsPort + ": cannot listen: " + e.getMessage());
                engine.close();
                transport.close();
                return EXIT_INFRASTRUCTURE;
            }
        }
        TerminationSignals signals = TerminationSignals.install();
        worker.start();
        try {
            signals.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("{} received: draining", signals.name());
        worker.drain();
        worker.close();
        engine.close();
        transport.close();
        if (metricsServer != null) {
            metricsServer.close();
        }
        return 0;
    }

    private List<String> validate() {
        List<String> problems = new ArrayList<>();
        problems.addAll(nats.settings("check").problems("--"));
        try {
            nats.subjects();
        } catch (IllegalArgumentException e) {
            problems.add("--subject-prefix: " + e.getMessage());
        }
        if (id != null) {
            try {
                dev.imager.protocol.Subjects.token(id, "--id");
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (metricsPort < -1 || metricsPort > 65_535) {
            problems.add("--metrics-port: must be -1..65535, got " + metricsPort);
        }
        int loops = eventLoopCount();
        if (eventLoops != null && eventLoops < 1) {
            problems.add("--event-loops: must be >= 1, got " + eventLoops);
        }
        if (maxInFlight < Math.max(1, loops)) {
            problems.add("--max-inflight: must be >= the number of event loops (" + loops + "), got " + maxInFlight);
        }
        if (maxConnectionsPerTarget < Math.max(1, loops)) {
            problems.add("--max-connections-per-target: must be >= the number of event loops (" + loops + "), got "
                    + maxConnectionsPerTarget);
        }
        positive(problems, "--heartbeat-interval", heartbeatInterval);
        positive(problems, "--result-interval", resultInterval);
        positive(problems, "--connect-timeout", connectTimeout);
        if (resultInterval.compareTo(Duration.ofSeconds(1)) > 0) {
            problems.add("--result-interval: must be at most 1s, got " + GoDuration.format(resultInterval));
        }
        if (drainTimeout.isNegative()) {
            problems.add("--drain-timeout: must be >= 0, got " + GoDuration.format(drainTimeout));
        }
        return problems;
    }

    /** {@code --event-loops}, or one per available processor. */
    private int eventLoopCount() {
        return eventLoops != null ? eventLoops : Runtime.getRuntime().availableProcessors();
    }

    private static void positive(List<String> problems, String flag, Duration d) {
        if (d.isZero() || d.isNegative()) {
            problems.add(flag + ": must be > 0, got " + GoDuration.format(d));
        }
    }

    /** {@code host} (the pod name in Kubernetes) made subject-safe, plus a short random suffix. */
    static String defaultId(String host) {
        String safe = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
        return safe + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** {@code $HOSTNAME}, else the local host name (its lookup may query DNS: call this once), else "worker". */
    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "worker";
        }
    }

    /** {@code --version}: the imager version. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"imager worker " + WorkerVersion.current()};
        }
    }
}
