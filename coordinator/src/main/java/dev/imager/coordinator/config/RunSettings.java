package dev.imager.coordinator.config;

import static dev.imager.coordinator.config.RunFlags.COORDINATOR_ID;
import static dev.imager.coordinator.config.RunFlags.DURATION;
import static dev.imager.coordinator.config.RunFlags.LISTEN_PORT;
import static dev.imager.coordinator.config.RunFlags.LOCAL_WORKERS;
import static dev.imager.coordinator.config.RunFlags.MIN_WORKERS;
import static dev.imager.coordinator.config.RunFlags.WORKER_WAIT_TIMEOUT;

import dev.imager.protocol.cpu.CpuPinning;
import dev.imager.protocol.Subjects;
import dev.imager.protocol.message.Message;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The "Run" section ({@link RunFlags}): workers, run length, identity, reproducibility.
 *
 * @param localWorkers {@code --local-workers}: 0 = distributed over NATS, N = N in-process workers
 * @param minWorkers {@code --min-workers}: live workers to wait for before the first round
 * @param workerWaitTimeout {@code --worker-wait-timeout}: give up waiting for workers after this
 * @param duration {@code --duration}: run length; empty = until stopped, as the original
 * @param seed {@code --seed}: seed for Poisson arrivals and random-sum; empty = not reproducible
 * @param coordinatorId {@code --coordinator-id}: this coordinator's id (a NATS subject token)
 * @param listenPort {@code -listen-port}: port of the coordinator's HTTP server ({@code /metrics}, health)
 * @param cpuPinning {@code --cpu-pinning}: in local mode whether the event loops get CPUs of their own; in distributed
 *     mode whether the coordinator keeps off the CPUs workers on its machine pinned theirs to
 */
public record RunSettings(int localWorkers, int minWorkers, Duration workerWaitTimeout, Optional<Duration> duration,
        OptionalLong seed, String coordinatorId, int listenPort, CpuPinning cpuPinning) {

    /** Distributed mode: workers connect over NATS. */
    public static final int DEFAULT_LOCAL_WORKERS = 0;
    /** Start as soon as one worker is live. */
    public static final int DEFAULT_MIN_WORKERS = 1;
    /** A worker pod normally starts within a minute; after that, something is wrong. */
    public static final Duration DEFAULT_WORKER_WAIT_TIMEOUT = Duration.ofSeconds(60);
    /** The original's orchestrator port, serving the API and {@code /metrics}. */
    public static final int DEFAULT_LISTEN_PORT = 8099;
    /** Largest TCP port. */
    public static final int MAX_PORT = 65_535;

    public RunSettings {
        Objects.requireNonNull(workerWaitTimeout, "workerWaitTimeout");
        duration = Objects.requireNonNullElse(duration, Optional.empty());
        seed = Objects.requireNonNullElse(seed, OptionalLong.empty());
        Objects.requireNonNull(coordinatorId, "coordinatorId");
        cpuPinning = Objects.requireNonNullElse(cpuPinning, CpuPinning.AUTO);
    }

    /**
     * Every default, with a freshly generated coordinator id ({@link #generateCoordinatorId()}); no run
     * length (until stopped) and no seed (not reproducible).
     */
    public static RunSettings defaults() {
        return new RunSettings(DEFAULT_LOCAL_WORKERS, DEFAULT_MIN_WORKERS, DEFAULT_WORKER_WAIT_TIMEOUT,
                Optional.empty(), OptionalLong.empty(), generateCoordinatorId(), DEFAULT_LISTEN_PORT, CpuPinning.AUTO);
    }

    /**
     * A fresh coordinator id: {@code coordinator-} and 12 random hex digits. It names this
     * coordinator's result subject, so two coordinators sharing one NATS never read each other's results.
     */
    public static String generateCoordinatorId() {
        return "coordinator-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** True in local mode ({@code --local-workers} > 0): in-process workers, no NATS. */
    public boolean localMode() {
        return localWorkers > 0;
    }

    /** Every problem of this section, each starting with its flag; empty when valid. */
    public List<String> problems() {
        ConfigProblems p = new ConfigProblems();
        if (minWorkers < 1) {
            p.add(MIN_WORKERS, "must be >= 1 (rounds planned with no live worker are never sent), got " + minWorkers);
        }
        if (localWorkers < 0) {
            p.add(LOCAL_WORKERS, "must be >= 0 (0 = distributed mode over NATS), got " + localWorkers);
        }
        if (localMode() && minWorkers > localWorkers) {
            p.add(MIN_WORKERS, "must be <= " + LOCAL_WORKERS + " (" + localWorkers + ") in local mode, got "
                    + minWorkers);
        }
        p.positive(WORKER_WAIT_TIMEOUT, workerWaitTimeout);
        duration.ifPresent(d -> p.positive(DURATION, d));
        try {
            Subjects.token(coordinatorId, COORDINATOR_ID);
        } catch (IllegalArgumentException e) {
            p.add(COORDINATOR_ID, "must be non-empty without spaces, '.', '*' or '>' (it is a NATS subject token), "
                    + "got \"" + coordinatorId + "\"");
        }
        if (coordinatorId.length() > Message.MAX_ID_CHARS) {
            p.add(COORDINATOR_ID, "must be at most " + Message.MAX_ID_CHARS + " characters, got "
                    + coordinatorId.length());
        }
        if (listenPort < 0 || listenPort > MAX_PORT) {
            p.add(LISTEN_PORT, "must be a port in 0.." + MAX_PORT + " (0 = any free port), got " + listenPort);
        }
        return p.list();
    }
}
