package dev.imager.worker.engine;

import dev.imager.protocol.cpu.CpuPinning;
import dev.imager.protocol.process.ImagerVersion;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the HTTP engine.
 *
 * @param eventLoops event-loop threads; each owns its connections and the requests it fires
 * @param maxInFlight requests sent (or waiting for their connection) at once across the engine; a request
 *     due while the cap is reached is dropped, so memory stays bounded when the target stalls
 * @param maxConnectionsPerTarget open connections per target across the engine
 * @param maxStreamsPerConnection HTTP/2 streams open at once on one connection (the server's
 *     SETTINGS_MAX_CONCURRENT_STREAMS lowers it further)
 * @param connectTimeout longest wait for a TCP (and TLS) connection
 * @param insecureSkipVerify accept any TLS certificate (for self-signed test targets only)
 * @param userAgent {@code User-Agent} sent when a request spec does not set one
 * @param proxies which targets go through an HTTP proxy
 * @param cpuPinning whether the event loops get CPUs of their own ({@link CpuPinning})
 */
public record EngineSettings(
        int eventLoops,
        int maxInFlight,
        int maxConnectionsPerTarget,
        int maxStreamsPerConnection,
        Duration connectTimeout,
        boolean insecureSkipVerify,
        String userAgent,
        ProxyRules proxies,
        CpuPinning cpuPinning) {

    /** In-flight cap per worker by default. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 10_000;
    /** Sent when a request names no {@code User-Agent} of its own: the target's logs can tell which build it was. */
    public static final String DEFAULT_USER_AGENT = "imager/" + ImagerVersion.current();

    /** Connections per target per worker by default. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_TARGET = 2_000;

    /** HTTP/2 streams per connection by default: the value most servers announce (nginx, Go, Netty's default). */
    public static final int DEFAULT_MAX_STREAMS_PER_CONNECTION = 100;

    /** Connect timeout by default. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    public EngineSettings {
        if (eventLoops < 1) {
            throw new IllegalArgumentException("event-loops must be >= 1, got " + eventLoops);
        }
        if (maxInFlight < eventLoops) {
            throw new IllegalArgumentException("max-inflight must be >= event-loops (" + eventLoops + "), got "
                    + maxInFlight);
        }
        if (maxConnectionsPerTarget < eventLoops) {
            throw new IllegalArgumentException("max-connections-per-target must be >= event-loops (" + eventLoops
                    + "), got " + maxConnectionsPerTarget);
        }
        if (maxStreamsPerConnection < 1) {
            throw new IllegalArgumentException("max-streams-per-connection must be >= 1, got " + maxStreamsPerConnection);
        }
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be > 0");
        }
        userAgent = userAgent == null ? DEFAULT_USER_AGENT : userAgent;
        Objects.requireNonNull(proxies, "proxies");
        Objects.requireNonNull(cpuPinning, "cpuPinning");
    }

    /**
     * A worker's event loops when none are asked for: one per core but one. The process has more to do than fire
     * requests (take and decode jobs, gather, encode and publish results, beat, collect garbage, compile), and a
     * target or other processes often share the machine: with a busy loop on every core those threads take the
     * loops' cores in turn, which shows as send lag. One loop fires 40k+ requests a second (bench/worker-engine.sh);
     * on 2 cores one loop spent less CPU per request than two (docs/BENCHMARKS.md, "Distributed pass").
     */
    public static int defaultEventLoops(int cores) {
        return Math.max(1, cores - 1);
    }

    /**
     * Defaults sized for this machine: one event loop per available processor; no proxy; no CPU pinning (the
     * programs, {@code imager worker} and local mode, choose their loops and pinning: {@link #defaultEventLoops},
     * {@link CpuPinning#AUTO}).
     */
    public static EngineSettings defaults() {
        return new EngineSettings(Runtime.getRuntime().availableProcessors(), DEFAULT_MAX_IN_FLIGHT,
                DEFAULT_MAX_CONNECTIONS_PER_TARGET, DEFAULT_MAX_STREAMS_PER_CONNECTION, DEFAULT_CONNECT_TIMEOUT, false,
                DEFAULT_USER_AGENT, ProxyRules.DIRECT, CpuPinning.OFF);
    }

    public EngineSettings withEventLoops(int n) {
        return new EngineSettings(n, Math.max(maxInFlight, n), Math.max(maxConnectionsPerTarget, n),
                maxStreamsPerConnection, connectTimeout, insecureSkipVerify, userAgent, proxies, cpuPinning);
    }

    public EngineSettings withMaxInFlight(int n) {
        return new EngineSettings(eventLoops, n, maxConnectionsPerTarget, maxStreamsPerConnection, connectTimeout,
                insecureSkipVerify, userAgent, proxies, cpuPinning);
    }

    public EngineSettings withMaxConnectionsPerTarget(int n) {
        return new EngineSettings(eventLoops, maxInFlight, n, maxStreamsPerConnection, connectTimeout,
                insecureSkipVerify, userAgent, proxies, cpuPinning);
    }

    public EngineSettings withMaxStreamsPerConnection(int n) {
        return new EngineSettings(eventLoops, maxInFlight, maxConnectionsPerTarget, n, connectTimeout,
                insecureSkipVerify, userAgent, proxies, cpuPinning);
    }

    public EngineSettings withInsecureSkipVerify(boolean insecure) {
        return new EngineSettings(eventLoops, maxInFlight, maxConnectionsPerTarget, maxStreamsPerConnection,
                connectTimeout, insecure, userAgent, proxies, cpuPinning);
    }

    public EngineSettings withConnectTimeout(Duration timeout) {
        return new EngineSettings(eventLoops, maxInFlight, maxConnectionsPerTarget, maxStreamsPerConnection, timeout,
                insecureSkipVerify, userAgent, proxies, cpuPinning);
    }

    public EngineSettings withProxies(ProxyRules rules) {
        return new EngineSettings(eventLoops, maxInFlight, maxConnectionsPerTarget, maxStreamsPerConnection,
                connectTimeout, insecureSkipVerify, userAgent, rules, cpuPinning);
    }

    public EngineSettings withCpuPinning(CpuPinning pinning) {
        return new EngineSettings(eventLoops, maxInFlight, maxConnectionsPerTarget, maxStreamsPerConnection,
                connectTimeout, insecureSkipVerify, userAgent, proxies, pinning);
    }
}
