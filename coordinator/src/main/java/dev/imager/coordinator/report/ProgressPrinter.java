package dev.imager.coordinator.report;

import dev.imager.coordinator.config.ProgressMode;
import java.io.PrintStream;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Writes {@link ProgressLine}s to a stream. On an interactive terminal it rewrites one line in place
 * ({@code \r}, the line, then clear-to-end-of-line {@code ESC[K}), cut to the terminal width so it never
 * wraps (a wrapped line cannot be rewritten with {@code \r}); elsewhere, such as a CI log or a pipe, it
 * prints one plain line per update. {@link #close()} ends an in-place line with a newline so the summary
 * starts on a fresh line. Thread-safe: the run loop prints, a shutdown hook may close.
 */
public final class ProgressPrinter implements AutoCloseable {

    /** Width assumed for an interactive terminal when {@code $COLUMNS} is not set. */
    public static final int DEFAULT_COLUMNS = 120;

    static final String CLEAR_TO_END = "\u001b[K";

    private final PrintStream out;
    private final boolean inPlace;
    private final boolean enabled;
    private final int columns;
    private boolean lineOpen;
    private boolean closed;

    /**
     * @param out where to write
     * @param mode the {@code --progress} mode
     * @param interactive whether {@code out} is an interactive terminal; asked once, here
     * @param columns terminal width, used only in place
     */
    public ProgressPrinter(PrintStream out, ProgressMode mode, BooleanSupplier interactive, int columns) {
        this.out = Objects.requireNonNull(out, "out");
        this.enabled = mode != ProgressMode.OFF;
        this.inPlace = mode == ProgressMode.AUTO && interactive.getAsBoolean();
        if (columns < 2) {
            throw new IllegalArgumentException("columns must be at least 2, was " + columns);
        }
        this.columns = columns;
    }

    /** For the console: interactive when {@link System#console()} exists, width from {@code $COLUMNS}. */
    public static ProgressPrinter forConsole(PrintStream out, ProgressMode mode) {
        return new ProgressPrinter(out, mode, () -> System.console() != null, columnsFrom(System.getenv("COLUMNS")));
    }

    static int columnsFrom(String env) {
        try {
            int n = env == null ? DEFAULT_COLUMNS : Integer.parseInt(env.strip());
            return n >= 2 ? n : DEFAULT_COLUMNS;
        } catch (NumberFormatException e) {
            return DEFAULT_COLUMNS;
        }
    }

    public synchronized void print(ProgressSnapshot snapshot) {
        if (!enabled || closed) {
            return;
        }
        String line = ProgressLine.format(snapshot);
        if (inPlace) {
            // Leave the last column free: writing into it makes some terminals wrap early.
            String fitted = line.length() < columns ? line : line.substring(0, columns - 1);
            out.print("\r" + fitted + CLEAR_TO_END);
            lineOpen = true;
        } else {
            out.print(line + "\n");
        }
        out.flush();
    }

    /** Ends an in-place line with a newline; later prints are ignored. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (lineOpen) {
            out.print("\n");
            out.flush();
        }
    }
}
