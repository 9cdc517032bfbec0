package dev.imager.coordinator.testing;

import dev.imager.coordinator.CoordinatorMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The coordinator command as a user runs it, in this JVM: its exit code and what it printed. */
public final class CoordinatorCli {

    /** How a command ended: its exit code, stdout and stderr. */
    public record Result(int exitCode, String out, String err) {
    }

    private CoordinatorCli() {
    }

    /** Runs {@link CoordinatorMain#run} with {@code args} (a run, or {@code compare ...}). */
    public static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CoordinatorMain.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
