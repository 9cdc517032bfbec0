package dev.imager.coordinator.config;

import static dev.imager.coordinator.config.LoadSettings.DEFAULTS;

import dev.imager.protocol.cli.FlagBinder;
import dev.imager.protocol.cli.GoDuration;
import dev.imager.protocol.cli.GoInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The "Load" flags: how many requests per second, and how they are spread; bound into
 * {@link LoadSettings}. Each flag name is written once, in its constant: help and problem messages spell
 * it that way (one dash for the original's flags, two for new ones), and the other dash form is accepted
 * too.
 */
public final class LoadFlags {

    public static final String LOAD_CALCULATOR = "-load-calculator";
    public static final String MIN_RPS = "-min-rps";
    public static final String MAX_RPS = "-max-rps";
    public static final String STEP_RPS = "-step-rps";
    public static final String ADAPTIVE_MAX_LATENCY_MS = "-adaptive-max-latency-ms";
    public static final String SCHEDULE_INTERVAL = "-schedule-interval";
    public static final String JOB_DURATION = "-job-duration";
    public static final String ARRIVAL = "--arrival";
    public static final String PLAN_AHEAD = "--plan-ahead";
    public static final String WARMUP = "--warmup";
    public static final String MAX_JOB_SIZE = "--max-job-size";
    public static final String STAGES = "--stages";
    public static final String PRESET = "--preset";
    public static final String MODEL = "--model";
    public static final String USERS = "--users";
    public static final String THINK_TIME = "--think-time";

    @Option(names = LOAD_CALCULATOR, paramLabel = "<name>",
            description = "Load profile: step, exponential (x2), logarithmic (x10, the original's name), "
                    + "adaptive-exponential (capacity search), stages (--stages or --preset), or a plug-in's name. "
                    + "Default: " + LoadSettings.DEFAULT_CALCULATOR + ", or stages when --stages or --preset is given.")
    String calculator;

    @Option(names = MIN_RPS, paramLabel = "<rps>",
            description = "Starting (lowest) total requests per second. Default: ${DEFAULT-VALUE}.")
    String minRps = Long.toString(DEFAULTS.minRps());

    @Option(names = MAX_RPS, paramLabel = "<rps>",
            description = "Highest total requests per second ever planned; with --preset, the peak the preset's "
                    + "targets are scaled to. Default: " + LoadSettings.DEFAULT_MAX_RPS + "; with --stages, their highest "
                    + "target; with --preset, its own peak.")
    String maxRps;

    @Option(names = STEP_RPS, paramLabel = "<rps>",
            description = "Increment per round of the step calculator (> 0). Default: ${DEFAULT-VALUE}.")
    String stepRps = Long.toString(DEFAULTS.stepRps());

    @Option(names = ADAPTIVE_MAX_LATENCY_MS, paramLabel = "<ms>",
            description = "p99 limit (coordinated-omission corrected) of adaptive-exponential; 0 = timeout "
                    + "mode: a round fails when half its requests time out. Default: ${DEFAULT-VALUE}.")
    String adaptiveMaxLatencyMs = Long.toString(DEFAULTS.adaptiveMaxLatencyMs());

    @Option(names = SCHEDULE_INTERVAL, paramLabel = "<duration>",
            description = "One round per interval. Default: ${DEFAULT-VALUE}.")
    String scheduleInterval = GoDuration.format(DEFAULTS.scheduleInterval());

    @Option(names = JOB_DURATION, paramLabel = "<duration>",
            description = "Span over which each round's requests are spread from its start (1ms .. 60 x "
                    + "-schedule-interval): shorter than the interval bunches them at the round's start, longer lets "
                    + "rounds overlap; a round still holds rate x interval requests. Default: ${DEFAULT-VALUE}.")
    String jobDuration = GoDuration.format(DEFAULTS.jobDuration());

    @Option(names = ARRIVAL, paramLabel = "<kind>",
            description = "Request instants within a round: uniform (evenly spaced) or poisson. "
                    + "Default: ${DEFAULT-VALUE}.")
    String arrival = DEFAULTS.arrival().flagValue();

    @Option(names = PLAN_AHEAD, paramLabel = "<duration>",
            description = "A round is published this long before its start (>= 0, < -schedule-interval). "
                    + "Default: ${DEFAULT-VALUE}.")
    String planAhead = GoDuration.format(DEFAULTS.planAhead());

    @Option(names = WARMUP, paramLabel = "<duration>",
            description = "Run at -min-rps this long first, to warm up connections, JIT and caches; warm-up rounds "
                    + "are shown but neither judged nor counted in the totals. Default: ${DEFAULT-VALUE} (none).")
    String warmup = GoDuration.format(DEFAULTS.warmup());

    @Option(names = MAX_JOB_SIZE, paramLabel = "<n>",
            description = "Most requests in one job; a round is split into more jobs beyond that. "
                    + "Default: ${DEFAULT-VALUE}.")
    String maxJobSize = Integer.toString(DEFAULTS.maxJobSize());

    @Option(names = STAGES, paramLabel = "<stages>",
            description = "Load shape of the stages calculator: <duration>:<target rps>,... e.g. 30s:100,2m:500,30s:0; "
                    + "each stage ramps linearly from the previous target (0 at first) to its own, 0s jumps; the run "
                    + "ends with the last stage unless --duration ends it sooner. Default: none.")
    String stages;

    @Option(names = PRESET, paramLabel = "<name>",
            description = "A named load shape (stages): light, heavy, sustained, burst, spike or soak; -max-rps "
                    + "rescales its peak, --duration cuts it (docs/models-and-shapes.md). Default: none.")
    String preset;

    @Option(names = MODEL, paramLabel = "<model>",
            description = "open (requests at planned instants, whatever the answers) or closed (virtual users, each "
                    + "waiting for its response and --think-time before its next request; the calculator's rates are "
                    + "then user counts). Default: ${DEFAULT-VALUE}.")
    String model = LoadModel.Kind.OPEN.flagValue();

    @Option(names = USERS, paramLabel = "<n>",
            description = "Closed model: this many virtual users for the whole run (1..1000000); for a changing count "
                    + "give --stages (user counts) or -load-calculator instead. Default: none.")
    String users;

    @Option(names = THINK_TIME, paramLabel = "<duration>",
            description = "Closed model: each user's pause between a response (or error or timeout) and its next "
                    + "request. Default: 0s.")
    String thinkTime;

    // --users N, or 0 when not given (an empty value is not given). 0 stands for "not given" in LoadModel, so a
    // count given as 0 (or below) is refused here: the range 1..MAX_USERS of --help holds for every given value.
    private long users(FlagBinder f) {
        String text = FlagBinder.optionalText(users);
        return text == null ? 0 : f.value(USERS, text, raw -> {
            long n = GoInteger.parseLong(raw);
            if (n < 1) {
                throw new IllegalArgumentException("must be within 1.." + LoadModel.MAX_USERS + ", got " + n);
            }
            return n;
        }, 0L);
    }

    LoadSettings bind(FlagBinder f) {
        String presetText = FlagBinder.optionalText(preset);
        Optional<Preset> chosen = presetText == null ? Optional.empty()
                : Optional.ofNullable(f.choice(PRESET, presetText, Preset.class, null));
        String stagesText = FlagBinder.optionalText(stages);
        List<Stage> given = stagesText == null ? List.of() : f.value(STAGES, stagesText, StageList::parse, List.of());
        boolean shaped = presetText != null || stagesText != null;
        String calculatorName = calculator != null ? calculator
                : shaped ? LoadSettings.STAGES_CALCULATOR : DEFAULTS.calculator();
        // -max-rps not given: the preset's peak, the highest stage target, or the default
        long max = maxRps != null ? f.longValue(MAX_RPS, maxRps, DEFAULTS.maxRps())
                : chosen.isPresent() ? chosen.get().defaultPeak()
                : stagesText != null ? StageList.highestTarget(given) : DEFAULTS.maxRps();
        List<Stage> shape = chosen.isPresent() && stagesText == null ? chosen.get().stages(Math.max(0, max)) : given;
        LoadModel chosenModel = new LoadModel(f.choice(MODEL, model, LoadModel.Kind.class, LoadModel.Kind.OPEN),
                users(f),
                f.duration(THINK_TIME, thinkTime == null ? "0s" : thinkTime, Duration.ZERO));
        long min = f.longValue(MIN_RPS, minRps, DEFAULTS.minRps());
        if (chosenModel.closed() && chosenModel.users() > 0 && calculator == null && !shaped) {
            // A constant user count is the step calculator held there: the report and the status say so.
            calculatorName = "step";
            min = chosenModel.users();
            max = chosenModel.users();
        }
        return new LoadSettings(calculatorName,
                min,
                max,
                f.longValue(STEP_RPS, stepRps, DEFAULTS.stepRps()),
                f.longValue(ADAPTIVE_MAX_LATENCY_MS, adaptiveMaxLatencyMs, DEFAULTS.adaptiveMaxLatencyMs()),
                f.duration(SCHEDULE_INTERVAL, scheduleInterval, DEFAULTS.scheduleInterval()),
                f.duration(JOB_DURATION, jobDuration, DEFAULTS.jobDuration()),
                f.choice(ARRIVAL, arrival, Arrival.class, DEFAULTS.arrival()),
                f.duration(PLAN_AHEAD, planAhead, DEFAULTS.planAhead()),
                f.duration(WARMUP, warmup, DEFAULTS.warmup()),
                f.intValue(MAX_JOB_SIZE, maxJobSize, DEFAULTS.maxJobSize()),
                shape, chosen, chosenModel);
    }
}
