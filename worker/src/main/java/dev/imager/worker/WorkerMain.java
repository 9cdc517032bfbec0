package dev.imager.worker;

import dev.imager.protocol.EpochClock;
import dev.imager.protocol.cli.DashForms;
import dev.imager.protocol.cli.EnvironmentDefaults;
import dev.imager.protocol.cli.FlagBinder;
import dev.imager.protocol.cli.TerminationSignals;
import dev.imager.protocol.process.ImagerVersion;
import dev.imager.protocol.process.MetricsServer;
import dev.imager.protocol.process.MicrometerProcessMetrics;
import dev.imager.protocol.transport.NatsFlags;
import dev.imager.protocol.transport.NatsSettings;
import dev.imager.protocol.transport.NatsTransport;
import dev.imager.protocol.transport.TransportException;
import dev.imager.worker.WorkerFlags.Bound;
import dev.imager.worker.engine.EngineSettings;
import dev.imager.worker.engine.HttpEngine;
import dev.imager.worker.metrics.MicrometerWorkerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The worker process ("executor" in the original imager). Every flag can be written {@code -name} or
 * {@code --name} (the original's manifests pass {@code -metrics-port=9100}) and can also be set through an
 * {@code IMAGER_*} environment variable ({@code --max-inflight} → {@code IMAGER_MAX_INFLIGHT}). The NATS
 * flags are the coordinator's ({@link NatsFlags}), the rest the worker's own ({@link WorkerFlags}). Values are
 * converted by {@link FlagBinder}, so every problem is reported at once.
 *
 * <p>Exit codes: 0 after a clean drain (SIGTERM/SIGINT), 2 for invalid options, 3 when NATS cannot be
 * reached or the metrics port cannot be bound.
 */
@Command(name = "worker", mixinStandardHelpOptions = true, versionProvider = WorkerMain.Version.class,
        modelTransformer = DashForms.class, sortOptions = false, usageHelpAutoWidth = true,
        customSynopsis = "worker [flags]",
        description = "Runs imager jobs from NATS: fires each request at its planned instant and streams results.",
        footer = {"", "Every flag can be written -name or --name, and can also be set with an environment variable: "
                + "--max-inflight -> IMAGER_MAX_INFLIGHT."})
public final class WorkerMain implements Callable<Integer> {

    /** Invalid options. */
    public static final int EXIT_USAGE = 2;
    /** NATS unreachable or a port in use. */
    public static final int EXIT_INFRASTRUCTURE = 3;

    private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);

    /** Go's {@code flag} package also answered {@code -help}, as the coordinator does (docs/flags.md#syntax). */
    @Option(names = "-help", hidden = true)
    boolean goHelp;

    @Spec
    CommandSpec spec;

    @Mixin
    NatsFlags nats = new NatsFlags();

    @Mixin
    WorkerFlags workerFlags = new WorkerFlags();

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Parses {@code args} and runs the worker until it is signalled; returns the exit code. */
    public static int run(String... args) {
        List<String> retired = RetiredExecutorFlags.problems(args);
        if (!retired.isEmpty()) {
            retired.forEach(p -> System.err.println("worker: " + p));
            System.err.println("Run 'worker --help' for usage.");
            return EXIT_USAGE;
        }
        CommandLine cmd = new CommandLine(new WorkerMain()).setDefaultValueProvider(new EnvironmentDefaults());
        // -h is the only short option: "-host=x" must not read as -h plus "ost=x".
        cmd.setPosixClusteredShortOptionsAllowed(false);
        cmd.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("worker: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Run 'worker --help' for usage.");
            return EXIT_USAGE;
        });
        return cmd.execute(args);
    }

    /**
     * Every problem the worker would report for {@code args} before it starts (and exit with
     * {@link #EXIT_USAGE}); empty when it would start. Parses and checks only: connects to nothing.
     */
    public static List<String> problems(EnvironmentDefaults environment, String... args) {
        List<String> retired = RetiredExecutorFlags.problems(args);
        if (!retired.isEmpty()) {
            return retired;
        }
        WorkerMain main = new WorkerMain();
        try {
            new CommandLine(main).setDefaultValueProvider(environment).setPosixClusteredShortOptionsAllowed(false)
                    .parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return List.of(e.getMessage());
        }
        FlagBinder binder = new FlagBinder();
        return main.problems(binder, main.bind(binder));
    }

    private Bound bind(FlagBinder f) {
        return workerFlags.bind(f, nats.bind(f));
    }

    // Every problem, each starting with its flag: values that did not convert, then the NATS rules and the
    // worker's own, leaving out rules about a value that did not convert (they would judge its fallback).
    private List<String> problems(FlagBinder f, Bound flags) {
        List<String> problems = new ArrayList<>(f.problems());
        List<String> rules = new ArrayList<>(flags.nats().problems());
        rules.addAll(workerFlags.rules(flags));
        rules.stream().filter(p -> !f.mentionsFailedFlag(p)).forEach(problems::add);
        return problems;
    }

    @Override
    public Integer call() {
        if (goHelp) {
            spec.commandLine().usage(spec.commandLine().getOut());
            return 0;
        }
        FlagBinder binder = new FlagBinder();
        Bound flags = bind(binder);
        List<String> problems = problems(binder, flags);
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("worker: " + p));
            return EXIT_USAGE;
        }
        String host = hostName();
        String workerId = workerFlags.id != null ? workerFlags.id : defaultId(host);
        NatsSettings natsSettings = flags.nats().withConnectionName("imager-worker-" + workerId);
        EngineSettings engineSettings = new EngineSettings(flags.eventLoops(), flags.maxInFlight(),
                flags.maxConnectionsPerTarget(), flags.maxStreamsPerConnection(), flags.connectTimeout(),
                flags.insecureSkipVerify(), EngineSettings.DEFAULT_USER_AGENT, flags.proxies(), flags.cpuPinning());
        WorkerSettings settings = WorkerSettings.defaults(workerId).withHost(host)
                .withSubjects(flags.nats().subjects()).withHeartbeatInterval(flags.heartbeatInterval())
                .withResultInterval(flags.resultInterval()).withDrainTimeout(flags.drainTimeout())
                .withAllowedTargets(flags.allowedTargets()).withMaxActiveJobs(flags.maxActiveJobs());
        int port = flags.metricsPort();

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MicrometerProcessMetrics.bindTo(registry); // for the process's lifetime
        MicrometerWorkerMetrics metrics = new MicrometerWorkerMetrics(registry);

        // The engine first: a flag it refuses is a usage error, reported before any wait for NATS.
        // A redirect may lead only where a job may: the same allow-list.
        HttpEngine engine;
        try {
            engine = new HttpEngine(engineSettings, metrics, settings.allowedTargets());
        } catch (IllegalArgumentException e) { // --cpu-pinning on where threads cannot be pinned
            System.err.println("worker: " + e.getMessage());
            return EXIT_USAGE;
        }
        NatsTransport transport;
        try {
            transport = NatsTransport.connect(natsSettings);
        } catch (TransportException e) {
            System.err.println("worker: " + e.getMessage());
            engine.close();
            return EXIT_INFRASTRUCTURE;
        }
        Worker worker = new Worker(settings, transport, engine, metrics, EpochClock.SYSTEM);
        metrics.bindGauges(engine::inFlight, worker::activeJobs, engine::openConnections);
        metrics.bindUnconfirmed(worker::unconfirmedResults, worker::unconfirmedResultBytes);
        metrics.bindBus(transport::droppedMessages, transport::slowConsumerEvents);
        MetricsServer metricsServer = null;
        if (port >= 0) {
            try {
                // Live while NATS is connected and the control thread keeps its heartbeat schedule.
                metricsServer = new MetricsServer("0.0.0.0", port, registry::scrape,
                        () -> transport.isConnected() && worker.isResponsive());
                LOG.info("metrics on :{}/metrics", metricsServer.port());
            } catch (IOException e) {
                System.err.println("worker: " + WorkerFlags.METRICS_PORT + " " + port + ": cannot listen: "
                        + e.getMessage());
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
            return new String[] {"imager worker " + ImagerVersion.current()};
        }
    }
}
