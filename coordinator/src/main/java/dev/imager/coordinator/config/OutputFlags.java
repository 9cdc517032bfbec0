package dev.imager.coordinator.config;

import static dev.imager.coordinator.config.OutputSettings.DEFAULTS;

import dev.imager.protocol.cli.FlagBinder;
import dev.imager.protocol.cli.GoDuration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The "Output" flags: progress, report files, pass/fail thresholds, CI outputs; bound into {@link OutputSettings}.
 * Each flag name is written once, in its constant; {@code -name} is accepted too.
 */
public final class OutputFlags {

    public static final String PROGRESS = "--progress";
    public static final String REPORT_DIR = "--report-dir";
    public static final String THRESHOLD = "--threshold";
    public static final String JUNIT_REPORT = "--junit-report";
    public static final String SUMMARY_JSON = "--summary-json";
    public static final String REPORT_HOLD = "--report-hold";

    @Option(names = PROGRESS, paramLabel = "<mode>",
            description = "Console progress: auto (live line on a terminal, plain lines otherwise), plain or "
                    + "off. Default: ${DEFAULT-VALUE}.")
    String progress = DEFAULTS.progress().flagValue();

    @Option(names = REPORT_DIR, paramLabel = "<dir>",
            description = "Write the final report (JSON and HTML) into this directory. Default: none.")
    String reportDir;

    @Option(names = THRESHOLD, paramLabel = "<expr>",
            description = "A pass/fail criterion for the run; repeatable. A failed threshold gives its own exit "
                    + "code.")
    List<String> thresholds = new ArrayList<>();

    @Option(names = JUNIT_REPORT, paramLabel = "<file>",
            description = "Write a JUnit XML file for CI: the run and each threshold are test cases; a failed "
                    + "one carries the measured value. Default: none.")
    String junitReport;

    @Option(names = SUMMARY_JSON, paramLabel = "<file>",
            description = "Write a short JSON summary for CI: verdict, exit code, rates, latency, thresholds. "
                    + "Default: none.")
    String summaryJson;

    @Option(names = REPORT_HOLD, paramLabel = "<duration>",
            description = "After the run, serve report.json and report.html on -listen-port for up to this long, "
                    + "until both were fetched (the LoadTest operator fetches them). Default: 0s (exit at once).")
    String reportHold = GoDuration.format(DEFAULTS.reportHold());

    OutputSettings bind(FlagBinder f) {
        return new OutputSettings(f.choice(PROGRESS, progress, ProgressMode.class, DEFAULTS.progress()),
                Optional.ofNullable(f.optionalPath(REPORT_DIR, reportDir)), thresholds,
                Optional.ofNullable(f.optionalPath(JUNIT_REPORT, junitReport)),
                Optional.ofNullable(f.optionalPath(SUMMARY_JSON, summaryJson)),
                f.duration(REPORT_HOLD, reportHold, DEFAULTS.reportHold()));
    }
}
