package dev.imager.coordinator;

import dev.imager.coordinator.config.CoordinatorCommand;
import dev.imager.coordinator.config.CoordinatorConfig;
import dev.imager.coordinator.config.OutputFlags;
import dev.imager.coordinator.config.ParseResult;
import dev.imager.coordinator.report.ConsoleSummary;
import dev.imager.coordinator.report.ExitCodes;
import dev.imager.coordinator.report.ProgressPrinter;
import dev.imager.coordinator.report.ProgressReporter;
import dev.imager.coordinator.report.ReportCollector;
import dev.imager.coordinator.report.ReportFiles;
import dev.imager.coordinator.report.ReportServer;
import dev.imager.coordinator.report.RunReport;
import dev.imager.coordinator.report.Threshold;
import dev.imager.coordinator.report.Thresholds;
import dev.imager.coordinator.run.Coordinator;
import dev.imager.coordinator.run.RunControl;
import dev.imager.coordinator.run.RunListener;
import dev.imager.coordinator.run.RunOptions;
import dev.imager.coordinator.run.FinishedRun;
import dev.imager.coordinator.run.SetupException;
import dev.imager.protocol.cli.TerminationSignals;
import dev.imager.protocol.process.ImagerVersion;
import dev.imager.protocol.cli.GoDuration;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * The coordinator process ("orchestrator" in the original imager): parses flags, runs, prints the summary,
 * writes the report files and exits with a documented code: 0 done (thresholds passed), 1 thresholds failed,
 * 2 invalid configuration, 3 infrastructure failure (see {@link ExitCodes}). The first SIGINT/SIGTERM ends the
 * run gracefully (rounds in flight are finished and reported), a second one aborts it.
 */
public final class CoordinatorMain {

    private CoordinatorMain() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the coordinator with {@code args}; the summary goes to {@code out}, problems and progress to {@code err}. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        ParseResult parsed = CoordinatorCommand.parse(args);
        if (parsed instanceof ParseResult.Help help) {
            out.println(help.text());
            return ExitCodes.OK;
        }
        if (parsed instanceof ParseResult.Invalid invalid) {
            invalid.problems().forEach(p -> err.println("coordinator: " + p));
            err.println("Run 'coordinator --help' for usage.");
            return ExitCodes.INVALID_CONFIGURATION;
        }
        CoordinatorConfig config = ((ParseResult.Valid) parsed).config();
        List<Threshold> thresholds;
        try {
            thresholds = Thresholds.parseAll(config.output().thresholds());
        } catch (IllegalArgumentException e) {
            err.println("coordinator: " + e.getMessage());
            return ExitCodes.INVALID_CONFIGURATION;
        }

        RunControl control = new RunControl();
        watchSignals(control);
        ReportCollector collector = new ReportCollector(config, ImagerVersion.current());
        FinishedRun finished;
        try (ProgressReporter progress = new ProgressReporter(ProgressPrinter.forConsole(err, config.output().progress()))) {
            finished = Coordinator.run(config, RunOptions.defaults().withListener(RunListener.all(collector, progress)),
                    control);
        } catch (SetupException e) {
            err.println("coordinator: " + e.getMessage());
            return e.kind() == SetupException.Kind.INVALID_CONFIGURATION ? ExitCodes.INVALID_CONFIGURATION
                    : ExitCodes.INFRASTRUCTURE_FAILURE;
        }

        RunReport report = collector.build(finished);
        report = report.withThresholds(Thresholds.evaluate(thresholds, report.totals()));
        out.print(ConsoleSummary.format(report));
        out.flush();
        if (config.output().reportDir().isPresent()) {
            try {
                ReportFiles.Written written = ReportFiles.write(report, config.output().reportDir().get());
                out.println("report: " + written.html() + " (data: " + written.json() + ")");
            } catch (IOException e) {
                err.println("coordinator: " + OutputFlags.REPORT_DIR + ": " + e.getMessage());
                return ExitCodes.INFRASTRUCTURE_FAILURE;
            }
        }
        holdReport(config, report, err);
        if (finished.infrastructureFailure()) {
            err.println("coordinator: " + finished.endReason());
            return ExitCodes.INFRASTRUCTURE_FAILURE;
        }
        return ExitCodes.forResults(report.thresholds());
    }

    /** {@code --report-hold}: serve the report until it was fetched (the LoadTest operator does), then go on. */
    private static void holdReport(CoordinatorConfig config, RunReport report, PrintStream err) {
        Duration hold = config.output().reportHold();
        int port = config.run().listenPort();
        if (hold.isZero() || port < 0) {
            return;
        }
        try {
            boolean fetched = ReportServer.serveUntilFetched("0.0.0.0", port, report, hold);
            if (!fetched) {
                err.println("coordinator: " + OutputFlags.REPORT_HOLD + ": the report was not fetched within "
                        + GoDuration.format(hold));
            }
        } catch (IOException e) {
            err.println("coordinator: " + OutputFlags.REPORT_HOLD + ": cannot serve the report on port " + port + ": "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** First signal: finish gracefully. Second: abort (workers drop what they have not sent). */
    private static void watchSignals(RunControl control) {
        TerminationSignals first = TerminationSignals.install();
        Thread watcher = new Thread(() -> {
            try {
                first.await();
                control.stop("interrupted (" + first.name() + ")");
                TerminationSignals second = TerminationSignals.install();
                second.await();
                control.abort("aborted (" + second.name() + " twice)");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "imager-signals");
        watcher.setDaemon(true);
        watcher.start();
    }
}
