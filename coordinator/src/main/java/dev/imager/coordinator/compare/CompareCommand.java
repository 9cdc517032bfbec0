package dev.imager.coordinator.compare;

import dev.imager.coordinator.report.ExitCodes;
import dev.imager.coordinator.report.ReportFiles;
import dev.imager.coordinator.report.ReportJson;
import dev.imager.coordinator.report.RunReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code imager compare A/report.json B/report.json}: prints the comparison table, writes the HTML view with
 * {@code --html}, and exits 0 when no {@code --fail-on} tripped, 1 when one did, 2 on bad input (arguments, an
 * unreadable or invalid report, a bad {@code --fail-on}). Reports are files a user names, so their size is checked
 * before reading ({@value #MAX_REPORT_BYTES} bytes at most) and their content by report.json's own reader.
 */
@Command(name = "compare",
        description = {"Compares two runs' report.json: planned and achieved rate, latency quantiles, error, "
                + "timeout, drop and loss rates, capacity; marks changes beyond the noise bound.",
            "Exit codes: 0 no --fail-on tripped, 1 one did, 2 bad input."})
public final class CompareCommand {

    /** The largest report.json read: a day of one-second rounds is about 60 MiB. */
    public static final long MAX_REPORT_BYTES = 256L << 20;

    @Parameters(index = "0", paramLabel = "A",
            description = "The baseline: a report.json, or the --report-dir holding it.")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "The candidate: a report.json, or its directory.")
    String b;

    @Option(names = "--fail-on", paramLabel = "<expr>",
            description = "Exit 1 when B's change beyond noise satisfies this, e.g. p99>+10%, achieved-rate<-5%, "
                    + "error-rate>+0.5pp, p99>+20ms, capacity<-10%. Repeatable.")
    List<String> failOn = new ArrayList<>();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Option(names = "--html", paramLabel = "<file>", description = "Also write the comparison as an HTML page "
            + "with both runs' charts overlaid.")
    String html;

    private CompareCommand() {
    }

    /** Runs {@code compare} with {@code args} (those after the word {@code compare}); returns the exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        CompareCommand command = new CompareCommand();
        CommandLine cli = new CommandLine(command).setCommandName("imager compare");
        try {
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            if (parsed.isUsageHelpRequested()) {
                out.print(cli.getUsageMessage());
                return ExitCodes.OK;
            }
        } catch (CommandLine.ParameterException e) {
            err.println("compare: " + e.getMessage());
            err.println("Usage: imager compare [--fail-on <expr>]... [--html <file>] A/report.json B/report.json");
            return ExitCodes.INVALID_CONFIGURATION;
        }
        return command.compare(out, err);
    }

    private int compare(PrintStream out, PrintStream err) {
        List<FailOn> conditions = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String expression : failOn) {
            try {
                conditions.add(FailOn.parse(expression));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        Optional<RunReport> reportA = read("A", a, problems);
        Optional<RunReport> reportB = read("B", b, problems);
        Path page = null;
        if (html != null) {
            try {
                page = Path.of(html);
                if (Files.isDirectory(page)) {
                    problems.add("--html: \"" + html + "\" is a directory; name the file to write");
                }
            } catch (InvalidPathException e) {
                problems.add("--html: invalid path \"" + html + "\": " + e.getReason());
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("compare: " + p));
            return ExitCodes.INVALID_CONFIGURATION;
        }

        RunComparison comparison = RunComparison.of(a, reportA.get(), b, reportB.get());
        List<String> tripped = new ArrayList<>();
        for (FailOn condition : conditions) {
            condition.trips(comparison).ifPresent(tripped::add);
        }
        out.print(ComparisonTable.format(comparison, tripped));
        if (page != null) {
            try {
                ReportFiles.writeFile(page, ComparisonPage.render(comparison, reportA.get(), reportB.get()));
                out.println("comparison page: " + page);
            } catch (IOException e) {
                err.println("compare: --html: " + e.getMessage());
                return ExitCodes.INVALID_CONFIGURATION;
            }
        }
        out.flush();
        return tripped.isEmpty() ? ExitCodes.OK : ExitCodes.THRESHOLDS_FAILED;
    }

    /** The report at {@code where} (a report.json, or a directory holding one), or a problem naming it. */
    private static Optional<RunReport> read(String name, String where, List<String> problems) {
        Path file;
        try {
            file = Path.of(where);
        } catch (InvalidPathException e) {
            problems.add(name + ": invalid path \"" + where + "\": " + e.getReason());
            return Optional.empty();
        }
        if (Files.isDirectory(file)) {
            file = file.resolve(ReportFiles.JSON_FILE);
        }
        try {
            if (!Files.isRegularFile(file)) {
                problems.add(name + ": " + file + " is not a file (give a report.json or the --report-dir it is in)");
                return Optional.empty();
            }
            long size = Files.size(file);
            if (size > MAX_REPORT_BYTES) {
                problems.add(name + ": " + file + " is " + size + " bytes, more than a report.json can be ("
                        + MAX_REPORT_BYTES + ")");
                return Optional.empty();
            }
            return Optional.of(ReportJson.read(file));
        } catch (IOException e) {
            problems.add(name + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
