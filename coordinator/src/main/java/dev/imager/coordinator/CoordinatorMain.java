package dev.imager.coordinator;

import dev.imager.coordinator.compare.CompareCommand;
import dev.imager.coordinator.config.CoordinatorCommand;
import dev.imager.coordinator.config.CoordinatorConfig;
import dev.imager.coordinator.config.OutputFlags;
import dev.imager.coordinator.config.ParseResult;
import dev.imager.coordinator.metrics.MicrometerCoordinatorMetrics;
import dev.imager.coordinator.report.ConsoleSummary;
import dev.imager.coordinator.report.ExitCodes;
import dev.imager.coordinator.report.JUnitReport;
import dev.imager.coordinator.report.PartialReports;
import dev.imager.coordinator.report.ProgressPrinter;
import dev.imager.coordinator.report.ProgressReporter;
import dev.imager.coordinator.report.ReportCollector;
import dev.imager.coordinator.report.ReportFiles;
import dev.imager.coordinator.report.ReportServer;
import dev.imager.coordinator.report.RunReport;
import dev.imager.coordinator.report.RunSummary;
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
import dev.imager.protocol.process.MicrometerProcessMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The coordinator process ("orchestrator" in the original imager): parses flags, runs, prints the summary,
 * writes the report files (partial ones every few seconds while the run goes on, the final one at the end) and
 * exits with a documented code: 0 done (thresholds passed), 1 thresholds failed, 2 invalid configuration,
 * 3 infrastructure failure, 4 internal error (see {@link ExitCodes}). The first SIGINT/SIGTERM ends the run
 * gracefully (rounds in flight are finished and reported), a second one aborts it.
 */
public final class CoordinatorMain {

    /** The subcommand that compares two runs' reports instead of running one. */
    public static final String COMPARE = "compare";

    private CoordinatorMain() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /**
     * Runs the coordinator with {@code args}; the summary goes to {@code out}, problems and progress to {@code err}.
     * A first argument {@code compare} runs {@link CompareCommand} with the rest instead.
     */
    public static int run(PrintStream out, PrintStream err, String... args) {
        if (args.length > 0 && args[0].equals(COMPARE)) {
            return CompareCommand.run(out, err, Arrays.copyOfRange(args, 1, args.length));
        }
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
        List<String> unwritable = unwritableOutputs(config);
        if (!unwritable.isEmpty()) {
            unwritable.forEach(p -> err.println("coordinator: " + p));
            return ExitCodes.INVALID_CONFIGURATION;
        }

        RunControl control = new RunControl();
        watchSignals(control);
        ReportCollector collector = new ReportCollector(config, ImagerVersion.current());
        // The process's own registry: the coordinator's metrics and, beside them, the JVM's and the process's.
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        FinishedRun finished;
        try (MicrometerProcessMetrics process = MicrometerProcessMetrics.bindTo(registry);
                ProgressReporter progress = new ProgressReporter(
                        ProgressPrinter.forConsole(err, config.output().progress()));
                PartialReports partial = new PartialReports(collector, config.output().reportDir())) {
            finished = Coordinator.run(config, RunOptions.defaults().withMetrics(new MicrometerCoordinatorMetrics(registry))
                    .withListener(RunListener.all(collector, progress, partial)), control);
        } catch (SetupException e) {
            err.println("coordinator: " + e.getMessage());
            return e.kind() == SetupException.Kind.INVALID_CONFIGURATION ? ExitCodes.INVALID_CONFIGURATION
                    : ExitCodes.INFRASTRUCTURE_FAILURE;
        } catch (RuntimeException e) {
            // A bug that escaped the run loop: the last partial report (if any) is what is left.
            e.printStackTrace(err);
            err.println("coordinator: internal error: " + e);
            return ExitCodes.INTERNAL_ERROR;
        }

        RunReport report = collector.build(finished);
        report = report.withThresholds(Thresholds.evaluate(thresholds, report.totals()));
        out.print(ConsoleSummary.format(report));
        out.flush();
        int exitCode = ExitCodes.forResults(report.thresholds());
        if (finished.infrastructureFailure()) {
            err.println("coordinator: " + finished.endReason());
            exitCode = ExitCodes.INFRASTRUCTURE_FAILURE;
        }
        if (finished.internalError()) {
            err.println("coordinator: " + finished.endReason());
            exitCode = ExitCodes.INTERNAL_ERROR;
        }
        if (config.output().reportDir().isPresent()) {
            try {
                ReportFiles.Written written = ReportFiles.write(report, config.output().reportDir().get());
                out.println("report: " + written.html() + " (data: " + written.json() + ")");
            } catch (IOException e) {
                err.println("coordinator: " + OutputFlags.REPORT_DIR + ": " + e.getMessage());
                exitCode = ExitCodes.INFRASTRUCTURE_FAILURE;
            }
        }
        int result = writeCiOutputs(config, report, exitCode, err);
        holdReport(config, report, err);
        return result;
    }

    /**
     * Where the run's files go and cannot be written (each problem starting with its flag): found before anything
     * is sent, rather than when the run is over and its report is lost.
     */
    private static List<String> unwritableOutputs(CoordinatorConfig config) {
        List<String> problems = new ArrayList<>();
        config.output().reportDir().ifPresent(dir -> checkWritable(OutputFlags.REPORT_DIR, dir, problems));
        config.output().junitReport().ifPresent(f -> checkWritable(OutputFlags.JUNIT_REPORT, parent(f), problems));
        config.output().summaryJson().ifPresent(f -> checkWritable(OutputFlags.SUMMARY_JSON, parent(f), problems));
        return problems;
    }

    private static Path parent(Path file) {
        return file.toAbsolutePath().getParent();
    }

    private static void checkWritable(String flag, Path dir, List<String> problems) {
        try {
            ReportFiles.checkWritable(dir);
        } catch (IOException e) {
            problems.add(flag + ": " + e.getMessage());
        }
    }

    /**
     * Writes the JUnit report and the summary, which state {@code exitCode}; returns it, or 3 when a file cannot
     * be written (a CI step must not read a missing verdict as a pass).
     */
    private static int writeCiOutputs(CoordinatorConfig config, RunReport report, int exitCode, PrintStream err) {
        int result = exitCode;
        if (config.output().junitReport().isPresent()) {
            try {
                ReportFiles.writeFile(config.output().junitReport().get(), JUnitReport.render(report, exitCode));
            } catch (IOException e) {
                err.println("coordinator: " + OutputFlags.JUNIT_REPORT + ": " + e.getMessage());
                result = ExitCodes.INFRASTRUCTURE_FAILURE;
            }
        }
        if (config.output().summaryJson().isPresent()) {
            try {
                ReportFiles.writeFile(config.output().summaryJson().get(), RunSummary.of(report, exitCode).toJson());
            } catch (IOException e) {
                err.println("coordinator: " + OutputFlags.SUMMARY_JSON + ": " + e.getMessage());
                result = ExitCodes.INFRASTRUCTURE_FAILURE;
            }
        }
        return result;
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
