package dev.imager.coordinator.report;

import dev.imager.coordinator.config.ProgressMode;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import dev.imager.coordinator.status.RunStatus;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

    private static final ProgressSnapshot FIRST = snapshot(1);
    private static final ProgressSnapshot SECOND = snapshot(2);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private static ProgressSnapshot snapshot(double elapsed) {
        return new ProgressSnapshot(elapsed, "ramp", 100, 99, 1, 2, 0, 0, 0, 1, OptionalDouble.empty(), "", "rps");
    }

    private String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rewritesOneLineInPlaceOnATerminal() {
        try (ProgressPrinter printer = new ProgressPrinter(out, ProgressMode.AUTO, () -> true, 200)) {
            printer.print(FIRST);
            printer.print(SECOND);
        }
        assertThat(written()).isEqualTo("\r" + ProgressLine.format(FIRST) + ProgressPrinter.CLEAR_TO_END
                + "\r" + ProgressLine.format(SECOND) + ProgressPrinter.CLEAR_TO_END + "\n");
    }

    @Test
    void cutsTheLineToTheTerminalSoItNeverWraps() {
        try (ProgressPrinter printer = new ProgressPrinter(out, ProgressMode.AUTO, () -> true, 40)) {
            printer.print(FIRST);
        }
        assertThat(written()).isEqualTo("\r" + ProgressLine.format(FIRST).substring(0, 39)
                + ProgressPrinter.CLEAR_TO_END + "\n");
    }

    @Test
    void printsPlainLinesWhenNotATerminal() {
        try (ProgressPrinter printer = new ProgressPrinter(out, ProgressMode.AUTO, () -> false, 40)) {
            printer.print(FIRST);
            printer.print(SECOND);
        }
        // whole lines, no escapes, nothing extra on close
        assertThat(written()).isEqualTo(ProgressLine.format(FIRST) + "\n" + ProgressLine.format(SECOND) + "\n");
    }

    @Test
    void linesModeIgnoresTheTerminal() {
        try (ProgressPrinter printer = new ProgressPrinter(out, ProgressMode.PLAIN, () -> true, 200)) {
            printer.print(FIRST);
        }
        assertThat(written()).isEqualTo(ProgressLine.format(FIRST) + "\n");
    }

    @Test
    void offPrintsNothing() {
        try (ProgressPrinter printer = new ProgressPrinter(out, ProgressMode.OFF, () -> true, 200)) {
            printer.print(FIRST);
        }
        assertThat(written()).isEmpty();
    }

    @Test
    void closeIsIdempotentAndLaterPrintsAreIgnored() {
        ProgressPrinter printer = new ProgressPrinter(out, ProgressMode.AUTO, () -> true, 200);
        printer.close();
        printer.print(FIRST);
        printer.close();
        // nothing was shown, so no newline is needed either
        assertThat(written()).isEmpty();
    }

    @Test
    void terminalWidthComesFromColumnsWhenItIsSane() {
        assertThat(ProgressPrinter.columnsFrom("90")).isEqualTo(90);
        assertThat(ProgressPrinter.columnsFrom(null)).isEqualTo(ProgressPrinter.DEFAULT_COLUMNS);
        assertThat(ProgressPrinter.columnsFrom("wide")).isEqualTo(ProgressPrinter.DEFAULT_COLUMNS);
        assertThat(ProgressPrinter.columnsFrom("0")).isEqualTo(ProgressPrinter.DEFAULT_COLUMNS);
    }

    @Test
    void aClosedModelRunShowsItsPlannedUsersAndCapacityInUsers() {
        RunStatus running = new RunStatus("run-1", "coord-1", "running", 30, 29, "search", 20, 371, 50, 80, 9_000,
                9_000, 9_000, 0, 0, 0, Map.of("live", 2), 16.0, "", "users");
        try (ProgressReporter reporter = new ProgressReporter(plain())) {
            reporter.onTick(running);
        }
        assertThat(written()).contains("planned    20 users  achieved   371 rps").contains("capacity 16 users");
        bytes.reset();
        try (ProgressReporter reporter = new ProgressReporter(plain())) {
            reporter.onTick(new RunStatus("run-1", "coord-1", "running", 30, 29, "search", 20, 371, 50, 80, 9_000,
                    9_000, 9_000, 0, 0, 0, Map.of("live", 2), 16.0, "", "rps"));
        }
        assertThat(written()).contains("planned    20 rps  achieved   371 rps").contains("capacity 16 rps");
    }

    private ProgressPrinter plain() {
        return new ProgressPrinter(out, ProgressMode.PLAIN, () -> false, 200);
    }
}
