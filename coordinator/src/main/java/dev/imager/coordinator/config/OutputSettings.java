package dev.imager.coordinator.config;

import static dev.imager.coordinator.config.OutputFlags.JUNIT_REPORT;
import static dev.imager.coordinator.config.OutputFlags.REPORT_DIR;
import static dev.imager.coordinator.config.OutputFlags.REPORT_HOLD;
import static dev.imager.coordinator.config.OutputFlags.SUMMARY_JSON;
import static dev.imager.coordinator.config.OutputFlags.THRESHOLD;

import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The "Output" section ({@link OutputFlags}): console progress, report files, pass/fail thresholds, CI outputs.
 *
 * @param progress {@code --progress}
 * @param reportDir {@code --report-dir}: where the final report files go; empty = none written
 * @param thresholds {@code --threshold}: pass/fail criteria, parsed by the thresholds component
 * @param junitReport {@code --junit-report}: a JUnit XML file with one test case per threshold; empty = none
 * @param summaryJson {@code --summary-json}: a short machine-readable verdict of the run; empty = none
 * @param reportHold {@code --report-hold}: how long the finished run serves its report over HTTP; zero = not at all
 */
public record OutputSettings(ProgressMode progress, Optional<Path> reportDir, List<String> thresholds,
        Optional<Path> junitReport, Optional<Path> summaryJson, Duration reportHold) {

    /** A live status line on terminals, plain lines in logs. */
    public static final ProgressMode DEFAULT_PROGRESS = ProgressMode.AUTO;

    /** Every default: automatic progress, no report files, no thresholds, no CI outputs, no report hold. */
    public static final OutputSettings DEFAULTS = new OutputSettings(DEFAULT_PROGRESS, Optional.empty(), List.of(),
            Optional.empty(), Optional.empty(), Duration.ZERO);

    public OutputSettings {
        Objects.requireNonNull(progress, "progress");
        reportDir = Objects.requireNonNullElse(reportDir, Optional.empty());
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
        junitReport = Objects.requireNonNullElse(junitReport, Optional.empty());
        summaryJson = Objects.requireNonNullElse(summaryJson, Optional.empty());
        reportHold = Objects.requireNonNullElse(reportHold, Duration.ZERO);
    }

    /** Every problem of this section, each starting with its flag; empty when valid. */
    public List<String> problems() {
        ConfigProblems p = new ConfigProblems();
        for (String threshold : thresholds) {
            if (threshold.isBlank()) {
                p.add(THRESHOLD, "must not be empty");
            }
        }
        p.nonNegative(REPORT_HOLD, reportHold);
        reportDir.ifPresent(dir -> {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                p.add(REPORT_DIR, "\"" + dir + "\" exists and is not a directory");
            }
        });
        junitReport.ifPresent(file -> notADirectory(p, JUNIT_REPORT, file));
        summaryJson.ifPresent(file -> notADirectory(p, SUMMARY_JSON, file));
        return p.list();
    }

    private static void notADirectory(ConfigProblems p, String flag, Path file) {
        if (Files.isDirectory(file)) {
            p.add(flag, "\"" + file + "\" is a directory; name the file to write");
        }
    }
}
