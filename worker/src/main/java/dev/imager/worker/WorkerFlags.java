package dev.imager.worker;

import dev.imager.protocol.Subjects;
import dev.imager.protocol.cli.FlagBinder;
import dev.imager.protocol.cli.GoDuration;
import dev.imager.protocol.cpu.CpuPinning;
import dev.imager.protocol.message.Heartbeat;
import dev.imager.protocol.message.Message;
import dev.imager.protocol.transport.NatsFlags;
import dev.imager.protocol.transport.NatsSettings;
import dev.imager.worker.engine.EngineSettings;
import dev.imager.worker.engine.ProxyRules;
import dev.imager.worker.targets.AllowedTargets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The worker's own flags, mixed into {@link WorkerMain} after the {@link NatsFlags} it shares with the
 * coordinator (so help lists them after those, and their problems come after NATS's): each declared once, taken
 * as text, bound into typed values ({@link Bound}) and checked by its rules. A flag group of its own, like the
 * coordinator's, so that what the worker accepts is read apart from how the process starts and stops.
 */
final class WorkerFlags {

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

    /** The flags as typed values; a value that does not convert is reported to the binder. */
    record Bound(NatsSettings nats, int metricsPort, int eventLoops, int maxInFlight, int maxConnectionsPerTarget,
            int maxStreamsPerConnection, Duration heartbeatInterval, Duration resultInterval, Duration drainTimeout,
            Duration connectTimeout, boolean insecureSkipVerify, ProxyRules proxies, AllowedTargets allowedTargets,
            int maxActiveJobs, CpuPinning cpuPinning) {
    }

    /** The worker's flags with {@code nats}, which the caller binds first: its problems are reported first. */
    Bound bind(FlagBinder f, NatsSettings nats) {
        int loops = EngineSettings.defaultEventLoops(Runtime.getRuntime().availableProcessors());
        return new Bound(nats, f.intValue(METRICS_PORT, metricsPort, DEFAULT_METRICS_PORT),
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

    /** The rules of the worker's own flags, each problem starting with its flag. */
    List<String> rules(Bound b) {
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
}
