package dev.imager.worker;

import dev.imager.protocol.cpu.CpuPinning;
import dev.imager.protocol.EpochClock;
import dev.imager.protocol.Subjects;
import dev.imager.protocol.cli.DashForms;
import dev.imager.protocol.cli.EnvironmentDefaults;
import dev.imager.protocol.cli.FlagBinder;
import dev.imager.protocol.cli.GoDuration;
import dev.imager.protocol.cli.TerminationSignals;
import dev.imager.protocol.message.Heartbeat;
import dev.imager.protocol.message.Message;
import dev.imager.protocol.process.ImagerVersion;
import dev.imager.protocol.process.MetricsServer;
import dev.imager.protocol.process.MicrometerProcessMetrics;
import dev.imager.protocol.transport.NatsFlags;
import dev.imager.protocol.transport.NatsSettings;
import dev.imager.protocol.transport.NatsTransport;
import dev.imager.protocol.transport.TransportException;
import dev.imager.worker.engine.EngineSettings;
import dev.imager.worker.engine.HttpEngine;
import dev.imager.worker.engine.ProxyRules;
import dev.imager.worker.metrics.MicrometerWorkerMetrics;
import dev.imager.worker.targets.AllowedTargets;
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
 * The worker process ("executor" in the original imager). Every flag can be written {@code -name} or
 * {@code --name} (the original's manifests pass {@code -metrics-port=9100}) and can also be set through an
 * {@code IMAGER_*} environment variable ({@code --max-inflight} → {@code IMAGER_MAX_INFLIGHT}). The NATS
 * flags are the coordinator's ({@link NatsFlags}). Values are converted by {@link FlagBinder}, so every
 * problem is reported at once.
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

    /** Each flag name is written once, here: help and problem messages spell it so; {@code -id} works too. */
    static final String ID = "--id";
    static final String METRICS_PORT = "--metrics-port";
    static final String MAX_INFLIGHT = "--max-inflight";
    static final String MAX_CONNECTIONS_PER_TARGET = "--max-connections-per-target";
    static final String EVENT_LOOPS = "--event-loops";
    static final String HEARTBEAT_INTERVAL = "--heartbeat-interval";
    static final String RESULT_INTERVAL = "--result-interval";
    static final String DRAIN_TIMEOUT = "--drain-timeout";
    static final String CONNECT_TIMEOUT = "--connect-timeout";
    static final String INSECURE_SKIP_VERIFY = "--insecure-skip-verify";
    static final String ALLOWED_TARGETS = "--allowed-targets";
    static final String MAX_ACTIVE_JOBS = "--max-active-jobs";
    static final String MAX_STREAMS_PER_CONNECTION = "--max-streams-per-connection";
    static final String PROXY = "--proxy";
    static final String CPU_PINNING = "--cpu-pinning";

    /** The original executor's metrics port. */
    static final int DEFAULT_METRICS_PORT = 9100;

    private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);

    @Mixin
    NatsFlags nats = new NatsFlags();

    @Option(names = ID, paramLabel = "<id>", description = "Worker id (default: host name plus a random suffix).")
    String id;

    @Option(names = METRICS_PORT, paramLabel = "<port>",
            description = "Port of /metrics and /healthz; 0 picks one, -1 disables (default: ${DEFAULT-VALUE}).")
    String metricsPort = Integer.toString(DEFAULT_METRICS_PORT);

    @Option(names = MAX_INFLIGHT, paramLabel = "<n>",
            description = "Requests in flight at once; due requests beyond it are dropped (default: ${DEFAULT-VALUE}).")
    String maxInFlight = Integer.toString(EngineSettings.DEFAULT_MAX_IN_FLIGHT);

    @Option(names = MAX_CONNECTIONS_PER_TARGET, paramLabel = "<n>",
            description = "Open connections per target (default: ${DEFAULT-VALUE}).")
    String maxConnectionsPerTarget = Integer.toString(EngineSettings.DEFAULT_MAX_CONNECTIONS_PER_TARGET);

    @Option(names = MAX_STREAMS_PER_CONNECTION, paramLabel = "<n>",
            description = "HTTP/2 streams at once per connection; the server's limit lowers it (default: ${DEFAULT-VALUE}).")
    String maxStreamsPerConnection = Integer.toString(EngineSettings.DEFAULT_MAX_STREAMS_PER_CONNECTION);

    @Option(names = PROXY, paramLabel = "<url>",
            description = "HTTP proxy for every target (http:// only; https targets via CONNECT), replacing HTTP_PROXY "
                    + "and HTTPS_PROXY; NO_PROXY still applies (default: from the environment).")
    String proxy;

    /** Why the proxy flag or environment cannot be used, or null. */
    private String proxyProblem;

    @Option(names = EVENT_LOOPS, paramLabel = "<n>",
            description = "Event-loop threads (default: the available processors but one, at least one).")
    String eventLoops;

    @Option(names = CPU_PINNING, paramLabel = "<mode>",
            description = "Event loops on CPUs of their own, the worker's other threads on the rest: auto pins when "
                    + "this process owns its CPUs (no CPU quota below its CPU set), one is left over and no other "
                    + "imager process pinned there; on always (refuses to start when it cannot); off never "
                    + "(default: ${DEFAULT-VALUE}).")
    String cpuPinning = CpuPinning.AUTO.flagValue();

    @Option(names = HEARTBEAT_INTERVAL, paramLabel = "<duration>",
            description = "How often to beat (default: ${DEFAULT-VALUE}).")
    String heartbeatInterval = GoDuration.format(WorkerSettings.DEFAULT_HEARTBEAT_INTERVAL);

    @Option(names = RESULT_INTERVAL, paramLabel = "<duration>",
            description = "How often running jobs stream results, at most 1s (default: ${DEFAULT-VALUE}).")
    String resultInterval = GoDuration.format(WorkerSettings.DEFAULT_RESULT_INTERVAL);

    @Option(names = DRAIN_TIMEOUT, paramLabel = "<duration>",
            description = "On SIGTERM, how long running jobs may take before unsent requests are dropped "
                    + "(default: ${DEFAULT-VALUE}).")
    String drainTimeout = GoDuration.format(WorkerSettings.DEFAULT_DRAIN_TIMEOUT);

    @Option(names = CONNECT_TIMEOUT, paramLabel = "<duration>",
            description = "Longest wait for a connection to a target (default: ${DEFAULT-VALUE}).")
    String connectTimeout = GoDuration.format(EngineSettings.DEFAULT_CONNECT_TIMEOUT);

    @Option(names = INSECURE_SKIP_VERIFY, paramLabel = "<bool>", arity = "0..1", fallbackValue = "true",
            description = "Accept any TLS certificate from targets (self-signed test targets only).")
    String insecureSkipVerify = "false";

    @Option(names = ALLOWED_TARGETS, paramLabel = "<list>",
            description = "Where requests may go, comma-separated: host, host:port, *.domain, address, CIDR block, "
                    + "each with an optional :port; '*' allows any. Jobs naming another target are refused "
                    + "(default: ${DEFAULT-VALUE}, this machine only).")
    String allowedTargets = WorkerSettings.DEFAULT_ALLOWED_TARGETS.describe();

    @Option(names = MAX_ACTIVE_JOBS, paramLabel = "<n>",
            description = "Jobs running at once; a job beyond it is refused (default: ${DEFAULT-VALUE}).")
    String maxActiveJobs = Integer.toString(WorkerSettings.DEFAULT_MAX_ACTIVE_JOBS);

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

    /** The flags as typed values; a value that does not convert is reported to the binder. */
    record Bound(NatsSettings nats, int metricsPort, int eventLoops, int maxInFlight, int maxConnectionsPerTarget,
            int maxStreamsPerConnection, Duration heartbeatInterval, Duration resultInterval, Duration drainTimeout,
            Duration connectTimeout, boolean insecureSkipVerify, ProxyRules proxies, AllowedTargets allowedTargets,
            int maxActiveJobs, CpuPinning cpuPinning) {
    }

    private Bound bind(FlagBinder f) {
        int loops = EngineSettings.defaultEventLoops(Runtime.getRuntime().availableProcessors());
        return new Bound(nats.bind(f), f.intValue(METRICS_PORT, metricsPort, DEFAULT_METRICS_PORT),
                eventLoops == null ? loops : f.intValue(EVENT_LOOPS, eventLoops, loops),
                f.intValue(MAX_INFLIGHT, maxInFlight, EngineSettings.DEFAULT_MAX_IN_FLIGHT),
                f.intValue(MAX_CONNECTIONS_PER_TARGET, maxConnectionsPerTarget,
                        EngineSettings.DEFAULT_MAX_CONNECTIONS_PER_TARGET),
                f.intValue(MAX_STREAMS_PER_CONNECTION, maxStreamsPerConnection,
                        EngineSettings.DEFAULT_MAX_STREAMS_PER_CONNECTION),
                f.duration(HEARTBEAT_INTERVAL, heartbeatInterval, WorkerSettings.DEFAULT_HEARTBEAT_INTERVAL),
                f.duration(RESULT_INTERVAL, resultInterval, WorkerSettings.DEFAULT_RESULT_INTERVAL),
                f.duration(DRAIN_TIMEOUT, drainTimeout, WorkerSettings.DEFAULT_DRAIN_TIMEOUT),
                f.duration(CONNECT_TIMEOUT, connectTimeout, EngineSettings.DEFAULT_CONNECT_TIMEOUT),
                f.bool(INSECURE_SKIP_VERIFY, insecureSkipVerify, false), proxies(f),
                f.value(ALLOWED_TARGETS, allowedTargets, AllowedTargets::parse, WorkerSettings.DEFAULT_ALLOWED_TARGETS),
                f.intValue(MAX_ACTIVE_JOBS, maxActiveJobs, WorkerSettings.DEFAULT_MAX_ACTIVE_JOBS),
                f.choice(CPU_PINNING, cpuPinning, CpuPinning.class, CpuPinning.AUTO));
    }

    // The proxy environment is read once, here, like Go's ProxyFromEnvironment; a bad value is a start-up problem
    // (its message starts with the flag or variable it came from).
    private ProxyRules proxies(FlagBinder f) {
        try {
            return ProxyRules.of(System.getenv(), proxy);
        } catch (IllegalArgumentException e) {
            proxyProblem = e.getMessage();
            return ProxyRules.DIRECT;
        }
    }

    // Every problem, each starting with its flag: values that did not convert, then the NATS rules and the
    // worker's own, leaving out rules about a value that did not convert (they would judge its fallback).
    private List<String> problems(FlagBinder f, Bound flags) {
        List<String> problems = new ArrayList<>(f.problems());
        List<String> rules = new ArrayList<>(flags.nats().problems());
        rules.addAll(rules(flags));
        rules.stream().filter(p -> !f.mentionsFailedFlag(p)).forEach(problems::add);
        return problems;
    }

    @Override
    public Integer call() {
        FlagBinder binder = new FlagBinder();
        Bound flags = bind(binder);
        List<String> problems = problems(binder, flags);
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("worker: " + p));
            return EXIT_USAGE;
        }
        String host = hostName();
        String workerId = id != null ? id : defaultId(host);
        NatsSettings natsSettings = flags.nats().withConnectionName("imager-worker-" + workerId);
        EngineSettings engineSettings = new EngineSettings(flags.eventLoops(), flags.maxInFlight(),
                flags.maxConnectionsPerTarget(), flags.maxStreamsPerConnection(), flags.connectTimeout(),
                flags.insecureSkipVerify(), "imager/" + ImagerVersion.current(), flags.proxies(), flags.cpuPinning());
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
                System.err.println("worker: " + METRICS_PORT + " " + port + ": cannot listen: " + e.getMessage());
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

    // The rules of the worker's own flags, each problem starting with its flag.
    private List<String> rules(Bound b) {
        List<String> problems = new ArrayList<>();
        if (id != null) {
            try {
                Subjects.token(id, ID);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
            if (id.length() > Message.MAX_ID_CHARS) {
                problems.add(ID + ": must be at most " + Message.MAX_ID_CHARS + " characters, got " + id.length());
            }
        }
        if (b.metricsPort() < -1 || b.metricsPort() > 65_535) {
            problems.add(METRICS_PORT + ": must be -1..65535, got " + b.metricsPort());
        }
        int loops = b.eventLoops();
        if (loops < 1) {
            problems.add(EVENT_LOOPS + ": must be >= 1, got " + loops);
        }
        if (b.maxInFlight() < Math.max(1, loops)) {
            problems.add(MAX_INFLIGHT + ": must be >= the number of event loops (" + loops + "), got "
                    + b.maxInFlight());
        }
        if (b.maxConnectionsPerTarget() < Math.max(1, loops)) {
            problems.add(MAX_CONNECTIONS_PER_TARGET + ": must be >= the number of event loops (" + loops + "), got "
                    + b.maxConnectionsPerTarget());
        }
        String tooFew = CpuPinning.tooFewCpus(loops, Runtime.getRuntime().availableProcessors());
        if (b.cpuPinning() == CpuPinning.ON && tooFew != null) {
            problems.add(CPU_PINNING + " on: " + tooFew + " (use fewer " + EVENT_LOOPS + ", or " + CPU_PINNING
                    + " auto)");
        }
        if (proxyProblem != null) {
            problems.add(proxyProblem);
        }
        if (b.maxStreamsPerConnection() < 1) {
            problems.add(MAX_STREAMS_PER_CONNECTION + ": must be >= 1, got " + b.maxStreamsPerConnection());
        }
        long beat = b.heartbeatInterval().toMillis();
        if (beat < Heartbeat.MIN_INTERVAL_MILLIS || beat > Heartbeat.MAX_INTERVAL_MILLIS) {
            problems.add(HEARTBEAT_INTERVAL + ": must be within " + GoDuration.format(
                    Duration.ofMillis(Heartbeat.MIN_INTERVAL_MILLIS)) + ".." + GoDuration.format(
                    Duration.ofMillis(Heartbeat.MAX_INTERVAL_MILLIS)) + " (the range coordinators judge beats by), got "
                    + GoDuration.format(b.heartbeatInterval()));
        }
        if (b.maxActiveJobs() < 1) {
            problems.add(MAX_ACTIVE_JOBS + ": must be >= 1, got " + b.maxActiveJobs());
        }
        positive(problems, RESULT_INTERVAL, b.resultInterval());
        positive(problems, CONNECT_TIMEOUT, b.connectTimeout());
        if (b.resultInterval().compareTo(Duration.ofSeconds(1)) > 0) {
            problems.add(RESULT_INTERVAL + ": must be at most 1s, got " + GoDuration.format(b.resultInterval()));
        }
        if (b.drainTimeout().isNegative()) {
            problems.add(DRAIN_TIMEOUT + ": must be >= 0, got " + GoDuration.format(b.drainTimeout()));
        }
        return problems;
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
            return new String[] {"imager worker " + ImagerVersion.current()};
        }
    }
}
