package dev.imager.coordinator.config;

import dev.imager.protocol.cli.GoDuration;
import static dev.imager.coordinator.config.FlagNames.*;

import dev.imager.protocol.Subjects;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a {@link CoordinatorConfig} and reports every problem at once, each starting with its flag.
 *
 * <p>The original orchestrator's rules (spec §2.2) are all here, including those it only checked when
 * building the request source or calculator, and it reported only the first failure; imager reports
 * all. Added rules: port range, an absolute http(s) URL with a host and no {@code #fragment} in url mode
 * (the original accepted {@code localhost:8080} because {@code localhost} parses as a URL scheme), no
 * blank target names, {@code -target-scheme} http or https, and the rules of the flags new in imager.
 * The target rules are the ones {@code TargetSettings} applies, so the resolvers never reject a target
 * that passed here. Unknown {@code -request-source-type} and
 * {@code -load-calculator} values are not problems here: a plug-in may claim them, and the factory
 * lookups reject them later with the list of known types.
 */
public final class ConfigValidator {

    /** Largest TCP port. */
    public static final int MAX_PORT = 65_535;

    private ConfigValidator() {
    }

    /** Every problem of {@code c}, in flag order; empty when {@code c} is usable. */
    public static List<String> validate(CoordinatorConfig c) {
        ConfigProblems p = new ConfigProblems();
        if (c.listenPort() < 0 || c.listenPort() > MAX_PORT) {
            p.add(LISTEN_PORT, "must be a port in 0.." + MAX_PORT + " (0 = any free port), got " + c.listenPort());
        }
        checkTarget(c.targetMode(), c.targetUrl(), c.targetNamespace(), c.targetDeployment(), c.targetService(),
                c.targetScheme(), p);
        checkRequests(c, p);
        checkLoad(c, p);
        positive(p, SCHEDULE_INTERVAL, c.scheduleInterval());
        positive(p, JOB_DURATION, c.jobDuration());
        positive(p, METRICS_POLL_INTERVAL, c.metricsPollInterval());
        if (!c.localMode()) {
            checkNats(c, p);
        }
        checkRun(c, p);
        checkOutput(c, p);
        return p.list();
    }

    /**
     * The target rules, shared with {@code TargetSettings.problems()} so that a target passing flag
     * validation is one the resolvers accept: the names the mode needs (blank counts as missing), a
     * usable {@code -target-url} in url mode ({@link #targetUrlProblem}) and {@code -target-scheme}
     * http or https (empty = http) in every mode.
     */
    public static void checkTarget(TargetMode mode, String url, String namespace, String deployment, String service,
            String scheme, ConfigProblems p) {
        String when = "in " + mode.flagValue() + " mode";
        switch (mode) {
            case POD -> {
                required(p, TARGET_NAMESPACE, namespace, when);
                required(p, TARGET_DEPLOYMENT, deployment, when);
            }
            case SERVICE -> {
                required(p, TARGET_NAMESPACE, namespace, when);
                required(p, TARGET_SERVICE, service, when);
            }
            case URL -> targetUrlProblem(url).ifPresent(problem -> p.add(TARGET_URL, problem));
            default -> throw new IllegalStateException("unhandled target mode " + mode);
        }
        String lower = scheme.toLowerCase(Locale.ROOT);
        if (!lower.isEmpty() && !lower.equals("http") && !lower.equals("https")) {
            p.add(TARGET_SCHEME, "must be http or https (empty = http), got \"" + scheme + "\"");
        }
    }

    /**
     * Why {@code url} cannot be the url-mode base URL (the text after {@code -target-url: }), if it
     * cannot: it must be an absolute http(s) URL with a host and without a {@code #fragment}.
     */
    public static Optional<String> targetUrlProblem(String url) {
        if (url.isEmpty()) {
            return Optional.of("is required in url mode");
        }
        if (!isAbsoluteHttpUrl(url)) {
            return Optional.of("must be an absolute http:// or https:// URL with a host in url mode, e.g. "
                    + "http://localhost:8080, got \"" + url + "\"");
        }
        if (URI.create(url).getRawFragment() != null) {
            return Optional.of("must not contain a #fragment, got \"" + url + "\"");
        }
        return Optional.empty();
    }

    private static void checkRequests(CoordinatorConfig c, ConfigProblems p) {
        if (c.requestSourceType().isEmpty()) {
            p.add(REQUEST_SOURCE_TYPE, "is required");
        }
        if (c.requestSourceType().equals("file")) {
            checkRequestSourceFile(c, p);
        }
        if (c.requestSourceType().equals("random-sum")) {
            checkRandomSumBounds(c, p);
        }
    }

    private static void checkLoad(CoordinatorConfig c, ConfigProblems p) {
        if (c.loadCalculator().isEmpty()) {
            p.add(LOAD_CALCULATOR, "is required");
        }
        checkRates(c, p);
        if (c.loadCalculator().equals("step")) {
            checkStepRps(c, p);
        }
        checkAdaptiveMaxLatency(c, p);
    }

    // The rule groups below are also re-checked by the built-in factories, so that a config built in
    // code without validation fails with the same flag-named messages.

    /** The {@code file} source's rule: {@code -request-source-file} is given. */
    public static void checkRequestSourceFile(CoordinatorConfig c, ConfigProblems p) {
        if (c.requestSourceFile().isEmpty()) {
            p.add(REQUEST_SOURCE_FILE, "is required when " + REQUEST_SOURCE_TYPE + "=file");
        }
    }

    /** The {@code random-sum} source's rule: {@code -random-sum-max >= -random-sum-min}. */
    public static void checkRandomSumBounds(CoordinatorConfig c, ConfigProblems p) {
        if (c.randomSumMax() < c.randomSumMin()) {
            p.add(RANDOM_SUM_MAX, "must be >= " + RANDOM_SUM_MIN + " (" + c.randomSumMin() + "), got "
                    + c.randomSumMax());
        }
    }

    /** Every built-in calculator's rule: {@code -min-rps} and {@code -max-rps} >= 0, max >= min. */
    public static void checkRates(CoordinatorConfig c, ConfigProblems p) {
        if (c.minRps() < 0) {
            p.add(MIN_RPS, "must be >= 0, got " + c.minRps());
        }
        if (c.maxRps() < 0) {
            p.add(MAX_RPS, "must be >= 0, got " + c.maxRps());
        }
        if (c.minRps() >= 0 && c.maxRps() >= 0 && c.maxRps() < c.minRps()) {
            p.add(MAX_RPS, "must be >= " + MIN_RPS + " (" + c.minRps() + "), got " + c.maxRps());
        }
    }

    /** The {@code step} calculator's rule: {@code -step-rps > 0}. */
    public static void checkStepRps(CoordinatorConfig c, ConfigProblems p) {
        if (c.stepRps() <= 0) {
            p.add(STEP_RPS, "must be > 0 for " + LOAD_CALCULATOR + "=step, got " + c.stepRps());
        }
    }

    /** The adaptive calculator's rule: {@code -adaptive-max-latency-ms >= 0} (0 = timeout mode). */
    public static void checkAdaptiveMaxLatency(CoordinatorConfig c, ConfigProblems p) {
        if (c.adaptiveMaxLatencyMs() < 0) {
            p.add(ADAPTIVE_MAX_LATENCY_MS, "must be >= 0 (0 = timeout mode), got " + c.adaptiveMaxLatencyMs());
        }
    }

    private static void checkNats(CoordinatorConfig c, ConfigProblems p) {
        // NatsSettings names the options; the flags are those names after two dashes.
        p.addAll(c.natsSettings().problems("--"));
        try {
            Subjects.withPrefix(c.subjectPrefix());
        } catch (IllegalArgumentException e) {
            p.add(SUBJECT_PREFIX, "must be dot-separated tokens without spaces, '*' or '>' (e.g. imager or "
                    + "team-a.imager), got \"" + c.subjectPrefix() + "\"");
        }
    }

    private static void checkRun(CoordinatorConfig c, ConfigProblems p) {
        if (c.minWorkers() < 1) {
            p.add(MIN_WORKERS, "must be >= 1 (rounds planned with no live worker are never sent), got "
                    + c.minWorkers());
        }
        if (c.localWorkers() < 0) {
            p.add(LOCAL_WORKERS, "must be >= 0 (0 = distributed mode over NATS), got " + c.localWorkers());
        }
        if (c.localMode() && c.minWorkers() > c.localWorkers()) {
            p.add(MIN_WORKERS, "must be <= " + LOCAL_WORKERS + " (" + c.localWorkers() + ") in local mode, got "
                    + c.minWorkers());
        }
        positive(p, WORKER_WAIT_TIMEOUT, c.workerWaitTimeout());
        c.duration().ifPresent(d -> positive(p, DURATION, d));
        positive(p, REQUEST_TIMEOUT, c.requestTimeout());
        if (c.maxJobSize() < 1) {
            p.add(MAX_JOB_SIZE, "must be >= 1, got " + c.maxJobSize());
        }
        if (c.warmup().isNegative()) {
            p.add(WARMUP, "must be >= 0, got " + GoDuration.format(c.warmup()));
        }
        if (c.planAhead().isNegative()) {
            p.add(PLAN_AHEAD, "must be >= 0, got " + GoDuration.format(c.planAhead()));
        } else if (isPositive(c.scheduleInterval()) && c.planAhead().compareTo(c.scheduleInterval()) >= 0) {
            p.add(PLAN_AHEAD, "must be < " + SCHEDULE_INTERVAL + " (" + GoDuration.format(c.scheduleInterval())
                    + "), got " + GoDuration.format(c.planAhead()));
        }
        try {
            Subjects.token(c.coordinatorId(), COORDINATOR_ID);
        } catch (IllegalArgumentException e) {
            p.add(COORDINATOR_ID, "must be non-empty without spaces, '.', '*' or '>' (it is a NATS subject token), "
                    + "got \"" + c.coordinatorId() + "\"");
        }
    }

    private static void checkOutput(CoordinatorConfig c, ConfigProblems p) {
        for (String threshold : c.thresholds()) {
            if (threshold.isBlank()) {
                p.add(THRESHOLD, "must not be empty");
            }
        }
        c.reportDir().ifPresent(dir -> {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                p.add(REPORT_DIR, "\"" + dir + "\" exists and is not a directory");
            }
        });
    }

    /** True for {@code http://host[:port][/path]} or https; what the worker can resolve request paths against. */
    static boolean isAbsoluteHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return scheme != null
                    && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void required(ConfigProblems p, String flag, String value, String when) {
        if (value.isBlank()) {
            p.add(flag, "is required " + when);
        }
    }

    /** Adds {@code flag: must be > 0, got <value>} unless {@code value} is positive. */
    public static void positive(ConfigProblems p, String flag, Duration value) {
        if (!isPositive(value)) {
            p.add(flag, "must be > 0, got " + GoDuration.format(value));
        }
    }

    // Duration.isPositive() only exists from Java 18.
    private static boolean isPositive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }
}
