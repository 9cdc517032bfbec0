package dev.imager.sumservice;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the service needs to start: where to listen and, optionally, the capacity simulation.
 *
 * <p>The record accepts any values; {@link #problems()} lists every inconsistency at once, each naming
 * the flag (and environment variable) it concerns, so a user fixes a bad command line in one go. The
 * simulation is on exactly when both {@code concurrency} and {@code serviceTimeMs} are set.
 *
 * @param host interface to bind, e.g. {@code 0.0.0.0} for all (IPv4) interfaces or {@code 127.0.0.1}
 * @param port TCP port; 0 asks the OS for a free one (tests use that)
 * @param concurrency how many {@code /sum} requests the simulation serves at once, or null when off
 * @param serviceTimeMs how long each simulated {@code /sum} request takes in milliseconds, or null when off
 * @param maxQueue how many {@code /sum} requests may wait for a free slot before the service answers 503
 */
public record SumServiceConfig(String host, int port, Integer concurrency, Integer serviceTimeMs, int maxQueue) {

    /** Port used when neither {@code --port} nor {@code PORT} is given; the original service's default. */
    public static final int DEFAULT_PORT = 8080;

    /** Binds every IPv4 interface, like the original {@code :$PORT}, so a Kubernetes Service reaches it. */
    public static final String DEFAULT_HOST = "0.0.0.0";

    /**
     * Waiting requests beyond which the simulation answers 503. Large enough that a load search sees
     * latency explode long before requests are refused, small enough to bound memory (a queued request
     * costs well under a kilobyte).
     */
    public static final int DEFAULT_MAX_QUEUE = 100_000;

    /** A config with defaults and no capacity simulation. */
    public static SumServiceConfig defaults() {
        return new SumServiceConfig(DEFAULT_HOST, DEFAULT_PORT, null, null, DEFAULT_MAX_QUEUE);
    }

    public SumServiceConfig withHost(String newHost) {
        return new SumServiceConfig(newHost, port, concurrency, serviceTimeMs, maxQueue);
    }

    public SumServiceConfig withPort(int newPort) {
        return new SumServiceConfig(host, newPort, concurrency, serviceTimeMs, maxQueue);
    }

    /** Turns the capacity simulation on (or off with two nulls). */
    public SumServiceConfig withSimulation(Integer newConcurrency, Integer newServiceTimeMs) {
        return new SumServiceConfig(host, port, newConcurrency, newServiceTimeMs, maxQueue);
    }

    public SumServiceConfig withMaxQueue(int newMaxQueue) {
        return new SumServiceConfig(host, port, concurrency, serviceTimeMs, newMaxQueue);
    }

    /** Whether {@code /sum} goes through the capacity simulation. Only meaningful when valid. */
    public boolean simulationEnabled() {
        return concurrency != null && serviceTimeMs != null;
    }

    /**
     * The simulated capacity in requests per second: {@code concurrency × 1000 / serviceTimeMs}, since each
     * of the {@code concurrency} slots completes one request every {@code serviceTimeMs}. 0 when off.
     */
    public double capacityRps() {
        return simulationEnabled() ? concurrency * 1000.0 / serviceTimeMs : 0.0;
    }

    /** Every problem with this config, each naming its flag and environment variable; empty when valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (host == null || host.isBlank()) {
            problems.add("--host: must not be empty");
        }
        if (port < 0 || port > 65_535) {
            problems.add("--port (PORT): must be between 0 and 65535, got " + port);
        }
        if (concurrency != null && serviceTimeMs == null) {
            problems.add("--concurrency (SUMSERVICE_CONCURRENCY) is set but --service-time-ms"
                    + " (SUMSERVICE_SERVICE_TIME_MS) is not: the capacity simulation needs both");
        }
        if (serviceTimeMs != null && concurrency == null) {
            problems.add("--service-time-ms (SUMSERVICE_SERVICE_TIME_MS) is set but --concurrency"
                    + " (SUMSERVICE_CONCURRENCY) is not: the capacity simulation needs both");
        }
        if (concurrency != null && concurrency <= 0) {
            problems.add("--concurrency (SUMSERVICE_CONCURRENCY): must be positive, got " + concurrency);
        }
        if (serviceTimeMs != null && serviceTimeMs <= 0) {
            problems.add("--service-time-ms (SUMSERVICE_SERVICE_TIME_MS): must be positive, got " + serviceTimeMs);
        }
        if (maxQueue <= 0) {
            problems.add("--max-queue (SUMSERVICE_MAX_QUEUE): must be positive, got " + maxQueue);
        }
        return problems;
    }
}
