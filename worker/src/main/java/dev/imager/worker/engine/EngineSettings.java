package dev.imager.worker.engine;

import java.time.Duration;

/**
 * Tuning of the HTTP engine.
 *
 * @param eventLoops event-loop threads; each owns its connections and the requests it fires
 * @param maxInFlight requests sent (or waiting for their connection) at once across the engine; a request
 *     due while the cap is reached is dropped, so memory stays bounded when the target stalls
 * @param maxConnectionsPerTarget open connections per target across the engine
 * @param connectTimeout longest wait for a TCP (and TLS) connection
 * @param insecureSkipVerify accept any TLS certificate (for self-signed test targets only)
 * @param userAgent {@code User-Agent} sent when a request spec does not set one
 */
public record EngineSettings(
        int eventLoops,
        int maxInFlight,
        int maxConnectionsPerTarget,
        Duration connectTimeout,
        boolean insecureSkipVerify,
        String userAgent) {

    /** In-flight cap per worker by default. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 10_000;

    /** Connections per target per worker by default. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_TARGET = 2_000;

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
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be > 0");
        }
        userAgent = userAgent == null ? "imager" : userAgent;
    }

    /** Defaults sized for this machine: one event loop per available processor. */
    public static EngineSettings defaults() {
        return new EngineSettings(Runtime.getRuntime().availableProcessors(), DEFAULT_MAX_IN_FLIGHT,
                DEFAULT_MAX_CONNECTIONS_PER_TARGET, DEFAULT_CONNECT_TIMEOUT, false, "imager");
    }

    public EngineSettings withEventLoops(int n) {
        return new EngineSettings(n, Math.max(maxInFlight, n), Math.max(maxConnectionsPerTarget, n), connectTimeout,
                insecureSkipVerify, userAgent);
    }

    public EngineSettings withMaxInFlight(int n) {
        return new EngineSettings(eventLoops, n, maxConnectionsPerTarget, connectTimeout, insecureSkipVerify, userAgent);
    }

    public EngineSettings withMaxConnectionsPerTarget(int n) {
        return new EngineSettings(eventLoops, maxInFlight, n, connectTimeout, insecureSkipVerify, userAgent);
    }

    public EngineSettings withInsecureSkipVerify(boolean insecure) {
        return new EngineSettings(eventLoops, maxInFlight, maxConnectionsPerTarget, connectTimeout, insecure, userAgent);
    }

    public EngineSettings withConnectTimeout(Duration timeout) {
        return new EngineSettings(eventLoops, maxInFlight, maxConnectionsPerTarget, timeout, insecureSkipVerify, userAgent);
    }
}
