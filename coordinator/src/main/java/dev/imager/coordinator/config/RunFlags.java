package dev.imager.coordinator.config;

import static dev.imager.coordinator.config.RunSettings.DEFAULT_LISTEN_PORT;
import static dev.imager.coordinator.config.RunSettings.DEFAULT_LOCAL_WORKERS;
import static dev.imager.coordinator.config.RunSettings.DEFAULT_MIN_WORKERS;
import static dev.imager.coordinator.config.RunSettings.DEFAULT_WORKER_WAIT_TIMEOUT;

import dev.imager.protocol.cpu.CpuPinning;
import dev.imager.protocol.cli.FlagBinder;
import dev.imager.protocol.cli.GoDuration;
import picocli.CommandLine.Option;

/**
 * The "Run" flags: workers, run length, identity, reproducibility; bound into {@link RunSettings}. Each
 * flag name is written once, in its constant: help and problem messages spell it that way (one dash for
 * the original's flags, two for new ones), and the other dash form is accepted too.
 */
public final class RunFlags {

    public static final String LOCAL_WORKERS = "--local-workers";
    public static final String MIN_WORKERS = "--min-workers";
    public static final String WORKER_WAIT_TIMEOUT = "--worker-wait-timeout";
    public static final String DURATION = "--duration";
    public static final String SEED = "--seed";
    public static final String COORDINATOR_ID = "--coordinator-id";
    public static final String LISTEN_PORT = "-listen-port";
    public static final String CPU_PINNING = "--cpu-pinning";

    @Option(names = LOCAL_WORKERS, paramLabel = "<n>",
            description = "0 = distributed mode (workers over NATS); N > 0 = run N workers in this process, "
                    + "no NATS. Default: ${DEFAULT-VALUE}.")
    String localWorkers = Integer.toString(DEFAULT_LOCAL_WORKERS);

    @Option(names = MIN_WORKERS, paramLabel = "<n>",
            description = "Live workers to wait for before the first round (>= 1; <= --local-workers in "
                    + "local mode). Default: ${DEFAULT-VALUE}.")
    String minWorkers = Integer.toString(DEFAULT_MIN_WORKERS);

    @Option(names = WORKER_WAIT_TIMEOUT, paramLabel = "<duration>",
            description = "Give up (infrastructure failure) when --min-workers are not live after this long. "
                    + "Default: ${DEFAULT-VALUE}.")
    String workerWaitTimeout = GoDuration.format(DEFAULT_WORKER_WAIT_TIMEOUT);

    @Option(names = DURATION, paramLabel = "<duration>",
            description = "Stop after this long and write the report. Default: none, run until stopped.")
    String duration;

    @Option(names = SEED, paramLabel = "<n>",
            description = "Seed for Poisson arrivals and random-sum operands, for reproducible runs. "
                    + "Default: none (different every run).")
    String seed;

    @Option(names = COORDINATOR_ID, paramLabel = "<id>",
            description = "This coordinator's id, a NATS subject token. Default: generated "
                    + "(coordinator-<12 hex digits>).")
    String coordinatorId;

    @Option(names = LISTEN_PORT, paramLabel = "<port>",
            description = "Port of the coordinator's HTTP server (the live page at /, /metrics, /healthz, /status); "
                    + "0 = any free port. Default: ${DEFAULT-VALUE}.")
    String listenPort = Integer.toString(DEFAULT_LISTEN_PORT);

    @Option(names = CPU_PINNING, paramLabel = "<mode>",
            description = "Local mode: the event loops on CPUs of their own, every other thread (coordinator, bus, "
                    + "workers' control) on the rest; auto pins when this process owns its CPUs (no CPU quota below "
                    + "its CPU set), one is left over and no other imager process pinned there, on always (refuses "
                    + "to start when it cannot), off never. Distributed mode: auto and on keep the coordinator's "
                    + "threads off CPUs that imager workers on this machine pinned their loops to, off does not. "
                    + "Default: auto.")
    String cpuPinning;

    RunSettings bind(FlagBinder f) {
        return new RunSettings(
                f.intValue(LOCAL_WORKERS, localWorkers, DEFAULT_LOCAL_WORKERS),
                f.intValue(MIN_WORKERS, minWorkers, DEFAULT_MIN_WORKERS),
                f.duration(WORKER_WAIT_TIMEOUT, workerWaitTimeout, DEFAULT_WORKER_WAIT_TIMEOUT),
                f.optionalDuration(DURATION, duration),
                f.optionalLong(SEED, seed),
                coordinatorId != null ? coordinatorId : RunSettings.generateCoordinatorId(),
                f.intValue(LISTEN_PORT, listenPort, DEFAULT_LISTEN_PORT),
                FlagBinder.optionalText(cpuPinning) == null ? CpuPinning.AUTO
                        : f.choice(CPU_PINNING, cpuPinning, CpuPinning.class, CpuPinning.AUTO));
    }
}
