package dev.imager.coordinator.config;

import static dev.imager.coordinator.config.LoadFlags.ADAPTIVE_MAX_LATENCY_MS;
import static dev.imager.coordinator.config.LoadFlags.JOB_DURATION;
import static dev.imager.coordinator.config.LoadFlags.LOAD_CALCULATOR;
import static dev.imager.coordinator.config.LoadFlags.MAX_JOB_SIZE;
import static dev.imager.coordinator.config.LoadFlags.MAX_RPS;
import static dev.imager.coordinator.config.LoadFlags.MIN_RPS;
import static dev.imager.coordinator.config.LoadFlags.PLAN_AHEAD;
import static dev.imager.coordinator.config.LoadFlags.PRESET;
import static dev.imager.coordinator.config.LoadFlags.SCHEDULE_INTERVAL;
import static dev.imager.coordinator.config.LoadFlags.STAGES;
import static dev.imager.coordinator.config.LoadFlags.STEP_RPS;
import static dev.imager.coordinator.config.LoadFlags.WARMUP;

import dev.imager.protocol.cli.GoDuration;
import dev.imager.protocol.message.Job;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The "Load" section ({@link LoadFlags}): how many requests per second, and how they are spread over
 * rounds and jobs. Built-in load calculators get this section ({@code LoadCalculatorFactory}) and check
 * the rules they rely on with the {@code check*} methods, so that settings built in code without
 * validation fail with the same flag-named messages.
 *
 * @param calculator {@code -load-calculator}: name of a load calculator (built-in or plug-in)
 * @param minRps {@code -min-rps}: starting / minimum total rate
 * @param maxRps {@code -max-rps}: maximum total rate; no round is planned above it
 * @param stepRps {@code -step-rps}: increment of the {@code step} calculator
 * @param adaptiveMaxLatencyMs {@code -adaptive-max-latency-ms}: p99 limit of the adaptive search; 0 = timeout mode
 * @param scheduleInterval {@code -schedule-interval}: one round per interval
 * @param jobDuration {@code -job-duration}: the span over which one round's requests are spread from its start;
 *     shorter than the interval bunches them at the round's start, longer lets rounds overlap (the rate, and
 *     each round's request count, stay rate × interval either way)
 * @param arrival {@code --arrival}: how request instants are spread within a round
 * @param planAhead {@code --plan-ahead}: a round is published this long before its start
 * @param warmup {@code --warmup}: rounds at -min-rps before the run proper; judged by nobody, excluded from totals
 * @param maxJobSize {@code --max-job-size}: most requests in one job
 * @param stages {@code --stages}, or the stages {@code --preset} expands to: the {@code stages} calculator's shape;
 *     empty when neither is given
 * @param preset {@code --preset}: the named shape {@code stages} came from, if any
 * @param model {@code --model}, {@code --users}, {@code --think-time}: open, or closed with virtual users (whose
 *     counts are then what the calculator's rates mean)
 */
public record LoadSettings(String calculator, long minRps, long maxRps, long stepRps, long adaptiveMaxLatencyMs,
        Duration scheduleInterval, Duration jobDuration, Arrival arrival, Duration planAhead, Duration warmup,
        int maxJobSize, List<Stage> stages, Optional<Preset> preset, LoadModel model) {

    /** The original's default calculator: +1 rps per round. */
    public static final String DEFAULT_CALCULATOR = "step";
    /** The calculator that follows {@link #stages()}; the default when {@code --stages} or {@code --preset} is given. */
    public static final String STAGES_CALCULATOR = "stages";
    /** First (and smallest) total rate. */
    public static final long DEFAULT_MIN_RPS = 1;
    /** Highest total rate ever planned. */
    public static final long DEFAULT_MAX_RPS = 100;
    /** Increment of the step calculator per round. */
    public static final long DEFAULT_STEP_RPS = 1;
    /** 0 selects the adaptive search's timeout mode (fail when half the requests time out). */
    public static final long DEFAULT_ADAPTIVE_MAX_LATENCY_MS = 0;
    /** One round per second. */
    public static final Duration DEFAULT_SCHEDULE_INTERVAL = Duration.ofSeconds(1);
    /** Each round's requests span one second: with the default interval, a constant rate. */
    public static final Duration DEFAULT_JOB_DURATION = Duration.ofSeconds(1);
    /** Shortest job span: planned offsets are whole microseconds, and a span this short is already a burst. */
    public static final Duration MIN_JOB_DURATION = Duration.ofMillis(1);
    /**
     * Longest job span, in intervals: every round stays open for its span, so this bounds the rounds (and
     * their histograms) open at once, on the coordinator and the workers.
     */
    public static final int MAX_JOB_DURATION_INTERVALS = 60;
    /** Evenly spaced requests: the most reproducible load. */
    public static final Arrival DEFAULT_ARRIVAL = Arrival.UNIFORM;
    /** Enough for a job to cross NATS and be acknowledged before its first planned instant. */
    public static final Duration DEFAULT_PLAN_AHEAD = Duration.ofMillis(250);
    /** No warm-up, as the original: the load profile starts at once. */
    public static final Duration DEFAULT_WARMUP = Duration.ZERO;
    /** 2000 requests per job keeps a job message around 100-200 KiB with typical request specs. */
    public static final int DEFAULT_MAX_JOB_SIZE = 2000;

    /**
     * Highest target a stage may have, requests per second: far beyond any fleet, and low enough that a round's
     * integral (in micro-requests) stays exact in the run loop's arithmetic.
     */
    public static final long MAX_STAGE_TARGET = 10_000_000;

    /** Every default. */
    public static final LoadSettings DEFAULTS = new LoadSettings(DEFAULT_CALCULATOR, DEFAULT_MIN_RPS, DEFAULT_MAX_RPS,
            DEFAULT_STEP_RPS, DEFAULT_ADAPTIVE_MAX_LATENCY_MS, DEFAULT_SCHEDULE_INTERVAL, DEFAULT_JOB_DURATION,
            DEFAULT_ARRIVAL, DEFAULT_PLAN_AHEAD, DEFAULT_WARMUP, DEFAULT_MAX_JOB_SIZE, List.of(), Optional.empty(),
            LoadModel.OPEN);

    public LoadSettings {
        calculator = Objects.requireNonNullElse(calculator, "");
        Objects.requireNonNull(scheduleInterval, "scheduleInterval");
        Objects.requireNonNull(jobDuration, "jobDuration");
        Objects.requireNonNull(arrival, "arrival");
        Objects.requireNonNull(planAhead, "planAhead");
        Objects.requireNonNull(warmup, "warmup");
        stages = List.copyOf(stages);
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(model, "model");
    }

    /** True when the {@code stages} calculator runs: the load follows {@link #stages()}. */
    public boolean staged() {
        return calculator.equals(STAGES_CALCULATOR);
    }

    /** How the report names the shape: {@code preset heavy: 1m0s:1000,...}, {@code 30s:100,...}, or empty. */
    public String shapeDescription() {
        String list = StageList.format(stages);
        return preset.map(p -> "preset " + p.flagValue() + ": " + list).orElse(list);
    }

    /**
     * Every problem of this section, each starting with its flag; empty when valid. An unknown
     * {@code -load-calculator} is not one: a plug-in may claim it, and the calculator lookup rejects it
     * later with the list of known types.
     */
    public List<String> problems() {
        ConfigProblems p = new ConfigProblems();
        if (calculator.isEmpty()) {
            p.add(LOAD_CALCULATOR, "is required");
        }
        if (staged()) {
            checkStages(p);
        } else {
            checkRates(p);
            checkNoShape(p);
        }
        if (calculator.equals("step")) {
            checkStepRps(p);
        }
        checkAdaptiveMaxLatency(p);
        p.positive(SCHEDULE_INTERVAL, scheduleInterval);
        checkJobDuration(p);
        if (maxJobSize < 1 || maxJobSize > Job.MAX_REQUESTS) {
            p.add(MAX_JOB_SIZE, "must be within 1.." + Job.MAX_REQUESTS + " (the most requests a worker takes in one "
                    + "job), got " + maxJobSize);
        }
        p.nonNegative(WARMUP, warmup);
        model.check(p, this);
        if (planAhead.isNegative()) {
            p.add(PLAN_AHEAD, "must be >= 0, got " + GoDuration.format(planAhead));
        } else if (!scheduleInterval.isNegative() && !scheduleInterval.isZero()
                && planAhead.compareTo(scheduleInterval) >= 0) {
            p.add(PLAN_AHEAD, "must be < " + SCHEDULE_INTERVAL + " (" + GoDuration.format(scheduleInterval)
                    + "), got " + GoDuration.format(planAhead));
        }
        return p.list();
    }

    /** {@code -job-duration}: at least {@link #MIN_JOB_DURATION}, at most {@link #MAX_JOB_DURATION_INTERVALS} intervals. */
    private void checkJobDuration(ConfigProblems p) {
        if (jobDuration.compareTo(MIN_JOB_DURATION) < 0) {
            p.add(JOB_DURATION, "must be >= " + GoDuration.format(MIN_JOB_DURATION) + ", got "
                    + GoDuration.format(jobDuration));
        } else if (!scheduleInterval.isNegative() && !scheduleInterval.isZero()
                && jobDuration.compareTo(scheduleInterval.multipliedBy(MAX_JOB_DURATION_INTERVALS)) > 0) {
            p.add(JOB_DURATION, "must be <= " + MAX_JOB_DURATION_INTERVALS + " x " + SCHEDULE_INTERVAL + " ("
                    + GoDuration.format(scheduleInterval.multipliedBy(MAX_JOB_DURATION_INTERVALS)) + "), got "
                    + GoDuration.format(jobDuration));
        } else if (jobDuration.toNanos() / 1_000 > Job.MAX_SPAN_MICROS) {
            // A job spans -job-duration; workers refuse longer jobs (they would occupy them for that long).
            p.add(JOB_DURATION, "must be at most " + GoDuration.format(Duration.ofNanos(Job.MAX_SPAN_MICROS * 1_000))
                    + " (the longest job a worker takes), got " + GoDuration.format(jobDuration));
        }
    }

    /** Every built-in calculator's rule: {@code -min-rps} and {@code -max-rps} >= 0, max >= min. */
    public void checkRates(ConfigProblems p) {
        if (minRps < 0) {
            p.add(MIN_RPS, "must be >= 0, got " + minRps);
        }
        if (maxRps < 0) {
            p.add(MAX_RPS, "must be >= 0, got " + maxRps);
        }
        if (minRps >= 0 && maxRps >= 0 && maxRps < minRps) {
            p.add(MAX_RPS, "must be >= " + MIN_RPS + " (" + minRps + "), got " + maxRps);
        }
    }

    /**
     * The {@code stages} calculator's rules: a shape with a length, no target above {@code -max-rps}, a preset not
     * mixed with {@code --stages}; {@code -min-rps} (the warm-up rate) and {@code -max-rps} >= 0.
     */
    public void checkStages(ConfigProblems p) {
        if (minRps < 0) {
            p.add(MIN_RPS, "must be >= 0, got " + minRps);
        }
        if (maxRps < 0) {
            p.add(MAX_RPS, "must be >= 0, got " + maxRps);
        }
        if (preset.isPresent() && maxRps >= 0 && !stages.equals(preset.get().stages(maxRps))) {
            p.add(PRESET, "cannot be combined with " + STAGES + " (a preset is a list of stages): give one");
            return;
        }
        String flag = preset.isPresent() ? PRESET : STAGES;
        if (stages.isEmpty()) {
            p.add(STAGES, "is required for " + LOAD_CALCULATOR + "=" + STAGES_CALCULATOR + " (or give " + PRESET + ")");
            return;
        }
        if (StageList.length(stages).isZero()) {
            p.add(flag, "the stages last 0s: at least one needs a duration");
        }
        for (int i = 0; i < stages.size(); i++) {
            Stage s = stages.get(i);
            if (s.target() > MAX_STAGE_TARGET) {
                p.add(flag, "entry " + (i + 1) + " (" + s + ") targets " + s.target() + " rps, above the most a stage "
                        + "may target (" + MAX_STAGE_TARGET + ")");
            } else if (maxRps >= 0 && s.target() > maxRps) {
                p.add(flag, "entry " + (i + 1) + " (" + s + ") targets " + s.target() + " rps, above " + MAX_RPS
                        + " (" + maxRps + ")");
            }
        }
    }

    /** Other calculators' rule: {@code --stages} and {@code --preset} only go with the {@code stages} calculator. */
    private void checkNoShape(ConfigProblems p) {
        if (preset.isPresent()) {
            p.add(PRESET, "applies only to " + LOAD_CALCULATOR + "=" + STAGES_CALCULATOR + ", got " + calculator);
        } else if (!stages.isEmpty()) {
            p.add(STAGES, "applies only to " + LOAD_CALCULATOR + "=" + STAGES_CALCULATOR + ", got " + calculator);
        }
    }

    /** The {@code step} calculator's rule: {@code -step-rps > 0}. */
    public void checkStepRps(ConfigProblems p) {
        if (stepRps <= 0) {
            p.add(STEP_RPS, "must be > 0 for " + LOAD_CALCULATOR + "=step, got " + stepRps);
        }
    }

    /** The adaptive calculator's rule: {@code -adaptive-max-latency-ms >= 0} (0 = timeout mode). */
    public void checkAdaptiveMaxLatency(ConfigProblems p) {
        if (adaptiveMaxLatencyMs < 0) {
            p.add(ADAPTIVE_MAX_LATENCY_MS, "must be >= 0 (0 = timeout mode), got " + adaptiveMaxLatencyMs);
        }
    }
}
