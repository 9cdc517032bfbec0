package dev.imager.coordinator.config;

import dev.imager.protocol.cli.GoDuration;
import static dev.imager.coordinator.config.FlagNames.*;

import picocli.CommandLine.Option;

/** The "Run" section of the command line: workers, run length, identity, reproducibility. */
final class RunFlags {

    @Option(names = {"--local-workers", "-local-workers"}, paramLabel = "<n>",
            description = "0 = distributed mode (workers over NATS); N > 0 = run N workers in this process, "
                    + "no NATS. Default: ${DEFAULT-VALUE}.")
    String localWorkers = Integer.toString(CoordinatorConfig.DEFAULT_LOCAL_WORKERS);

    @Option(names = {"--min-workers", "-min-workers"}, paramLabel = "<n>",
            description = "Live workers to wait for before the first round (>= 1; <= --local-workers in "
                    + "local mode). Default: ${DEFAULT-VALUE}.")
    String minWorkers = Integer.toString(CoordinatorConfig.DEFAULT_MIN_WORKERS);

    @Option(names = {"--worker-wait-timeout", "-worker-wait-timeout"}, paramLabel = "<duration>",
            description = "Give up (infrastructure failure) when --min-workers are not live after this long. "
                    + "Default: ${DEFAULT-VALUE}.")
    String workerWaitTimeout = GoDuration.format(CoordinatorConfig.DEFAULT_WORKER_WAIT_TIMEOUT);

    @Option(names = {"--duration", "-duration"}, paramLabel = "<duration>",
            description = "Stop after this long and write the report. Default: none, run until stopped.")
    String duration;

    @Option(names = {"--seed", "-seed"}, paramLabel = "<n>",
            description = "Seed for Poisson arrivals and random-sum operands, for reproducible runs. "
                    + "Default: none (different every run).")
    String seed;

    @Option(names = {"--coordinator-id", "-coordinator-id"}, paramLabel = "<id>",
            description = "This coordinator's id, a NATS subject token. Default: generated "
                    + "(coordinator-<12 hex digits>).")
    String coordinatorId;

    @Option(names = {"-listen-port", "--listen-port"}, paramLabel = "<port>",
            description = "Port of the coordinator's HTTP server (/metrics, health); 0 = any free port. "
                    + "Default: ${DEFAULT-VALUE}.")
    String listenPort = Integer.toString(CoordinatorConfig.DEFAULT_LISTEN_PORT);

    void bindTo(CoordinatorConfigBuilder b, FlagBinder f) {
        f.intValue(LOCAL_WORKERS, localWorkers).ifPresent(b::localWorkers);
        f.intValue(MIN_WORKERS, minWorkers).ifPresent(b::minWorkers);
        f.duration(WORKER_WAIT_TIMEOUT, workerWaitTimeout).ifPresent(b::workerWaitTimeout);
        if (duration != null) {
            f.duration(DURATION, duration).ifPresent(b::duration);
        }
        if (seed != null) {
            f.longValue(SEED, seed).ifPresent(b::seed);
        }
        if (coordinatorId != null) {
            b.coordinatorId(coordinatorId);
        }
        f.intValue(LISTEN_PORT, listenPort).ifPresent(b::listenPort);
    }
}
