package dev.imager.coordinator.config;

import dev.imager.protocol.cli.GoDuration;
import static dev.imager.coordinator.config.FlagNames.*;

import picocli.CommandLine.Option;

/** The "Load" section of the command line: how many requests per second, and how they are spread. */
final class LoadFlags {

    @Option(names = {"-load-calculator", "--load-calculator"}, paramLabel = "<name>",
            description = "Load profile: step, exponential (x2), logarithmic (x10, the original's name), "
                    + "adaptive-exponential (capacity search), or a plug-in's name. Default: ${DEFAULT-VALUE}.")
    String loadCalculator = CoordinatorConfig.DEFAULT_LOAD_CALCULATOR;

    @Option(names = {"-min-rps", "--min-rps"}, paramLabel = "<rps>",
            description = "Starting (lowest) total requests per second. Default: ${DEFAULT-VALUE}.")
    String minRps = Long.toString(CoordinatorConfig.DEFAULT_MIN_RPS);

    @Option(names = {"-max-rps", "--max-rps"}, paramLabel = "<rps>",
            description = "Highest total requests per second ever planned. Default: ${DEFAULT-VALUE}.")
    String maxRps = Long.toString(CoordinatorConfig.DEFAULT_MAX_RPS);

    @Option(names = {"-step-rps", "--step-rps"}, paramLabel = "<rps>",
            description = "Increment per round of the step calculator (> 0). Default: ${DEFAULT-VALUE}.")
    String stepRps = Long.toString(CoordinatorConfig.DEFAULT_STEP_RPS);

    @Option(names = {"-adaptive-max-latency-ms", "--adaptive-max-latency-ms"}, paramLabel = "<ms>",
            description = "p99 limit (coordinated-omission corrected) of adaptive-exponential; 0 = timeout "
                    + "mode: a round fails when half its requests time out. Default: ${DEFAULT-VALUE}.")
    String adaptiveMaxLatencyMs = Long.toString(CoordinatorConfig.DEFAULT_ADAPTIVE_MAX_LATENCY_MS);

    @Option(names = {"-schedule-interval", "--schedule-interval"}, paramLabel = "<duration>",
            description = "One round per interval. Default: ${DEFAULT-VALUE}.")
    String scheduleInterval = GoDuration.format(CoordinatorConfig.DEFAULT_SCHEDULE_INTERVAL);

    @Option(names = {"-job-duration", "--job-duration"}, paramLabel = "<duration>",
            description = "Time span over which one round's requests are spread. Default: ${DEFAULT-VALUE}.")
    String jobDuration = GoDuration.format(CoordinatorConfig.DEFAULT_JOB_DURATION);

    @Option(names = {"--arrival", "-arrival"}, paramLabel = "<kind>",
            description = "Request instants within a round: uniform (evenly spaced) or poisson. "
                    + "Default: ${DEFAULT-VALUE}.")
    String arrival = CoordinatorConfig.DEFAULT_ARRIVAL.flagValue();

    @Option(names = {"--plan-ahead", "-plan-ahead"}, paramLabel = "<duration>",
            description = "A round is published this long before its start (>= 0, < -schedule-interval). "
                    + "Default: ${DEFAULT-VALUE}.")
    String planAhead = GoDuration.format(CoordinatorConfig.DEFAULT_PLAN_AHEAD);

    @Option(names = {"--warmup", "-warmup"}, paramLabel = "<duration>",
            description = "Run at -min-rps this long first, to warm up connections, JIT and caches; warm-up rounds "
                    + "are shown but neither judged nor counted in the totals. Default: ${DEFAULT-VALUE} (none).")
    String warmup = GoDuration.format(CoordinatorConfig.DEFAULT_WARMUP);

    @Option(names = {"--max-job-size", "-max-job-size"}, paramLabel = "<n>",
            description = "Most requests in one job; a round is split into more jobs beyond that. "
                    + "Default: ${DEFAULT-VALUE}.")
    String maxJobSize = Integer.toString(CoordinatorConfig.DEFAULT_MAX_JOB_SIZE);

    void bindTo(CoordinatorConfigBuilder b, FlagBinder f) {
        b.loadCalculator(loadCalculator);
        f.longValue(MIN_RPS, minRps).ifPresent(b::minRps);
        f.longValue(MAX_RPS, maxRps).ifPresent(b::maxRps);
        f.longValue(STEP_RPS, stepRps).ifPresent(b::stepRps);
        f.longValue(ADAPTIVE_MAX_LATENCY_MS, adaptiveMaxLatencyMs).ifPresent(b::adaptiveMaxLatencyMs);
        f.duration(SCHEDULE_INTERVAL, scheduleInterval).ifPresent(b::scheduleInterval);
        f.duration(JOB_DURATION, jobDuration).ifPresent(b::jobDuration);
        f.choice(ARRIVAL, arrival, Arrival.class).ifPresent(b::arrival);
        f.duration(PLAN_AHEAD, planAhead).ifPresent(b::planAhead);
        f.duration(WARMUP, warmup).ifPresent(b::warmup);
        f.intValue(MAX_JOB_SIZE, maxJobSize).ifPresent(b::maxJobSize);
    }
}
