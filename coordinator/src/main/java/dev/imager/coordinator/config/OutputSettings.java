package dev.imager.coordinator.config;

import static dev.imager.coordinator.config.OutputFlags.REPORT_DIR;
import static dev.imager.coordinator.config.OutputFlags.REPORT_HOLD;
import static dev.imager.coordinator.config.OutputFlags.THRESHOLD;

import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The "Output" section ({@link OutputFlags}): console progress, report files, pass/fail thresholds.
 *
 * @param progress {@code --progress}
 * @param reportDir {@code --report-dir}: where the final report files go; empty = none written
 * @param thresholds {@code --threshold}: pass/fail criteria, parsed by the thresholds component
 * @param reportHold {@code --report-hold}: how long the finished run serves its report over HTTP; zero = not at all
 */
public record OutputSettings(ProgressMode progress, Optional<Path> reportDir, List<String> thresholds,
        Duration reportHold) {

    /** A live status line on terminals, plain lines in logs. */
    public static final ProgressMode DEFAULT_PROGRESS = ProgressMode.AUTO;

    /** Every default: automatic progress, no report files, no thresholds. */
    public static final OutputSettings DEFAULTS = new OutputSettings(DEFAULT_PROGRESS, Optional.empty(), List.of(),
            Duration.ZERO);

    public OutputSettings {
        Objects.requireNonNull(progress, "progress");
        reportDir = Objects.requireNonNullElse(reportDir, Optional.empty());
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
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
        return p.list();
    }
}
