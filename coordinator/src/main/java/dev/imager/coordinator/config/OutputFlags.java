package dev.imager.coordinator.config;

import static dev.imager.coordinator.config.FlagNames.*;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The "Output" section of the command line: progress, report files, pass/fail thresholds. */
final class OutputFlags {

    @Option(names = {"--progress", "-progress"}, paramLabel = "<mode>",
            description = "Console progress: auto (live line on a terminal, plain lines otherwise), plain or "
                    + "off. Default: ${DEFAULT-VALUE}.")
    String progress = CoordinatorConfig.DEFAULT_PROGRESS.flagValue();

    @Option(names = {"--report-dir", "-report-dir"}, paramLabel = "<dir>",
            description = "Write the final report (JSON and HTML) into this directory. Default: none.")
    String reportDir;

    @Option(names = {"--threshold", "-threshold"}, paramLabel = "<expr>",
            description = "A pass/fail criterion for the run; repeatable. A failed threshold gives its own exit "
                    + "code.")
    List<String> thresholds = new ArrayList<>();

    void bindTo(CoordinatorConfigBuilder b, FlagBinder f) {
        f.choice(PROGRESS, progress, ProgressMode.class).ifPresent(b::progress);
        b.reportDir(f.optionalPath(REPORT_DIR, reportDir));
        b.thresholds(thresholds);
    }
}
