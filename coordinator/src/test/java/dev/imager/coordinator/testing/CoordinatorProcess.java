package dev.imager.coordinator.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A real coordinator process (the shaded coordinator jar) for tests that span processes. */
public final class CoordinatorProcess implements AutoCloseable {

    private final JarProcess process;

    private CoordinatorProcess(JarProcess process) {
        this.process = process;
    }

    /** Starts the coordinator with these flags and extra environment variables (e.g. IMAGER_NATS_PASSWORD). */
    public static CoordinatorProcess start(Map<String, String> environment, String... flags) throws IOException {
        // The jar this module's package phase built before the integration tests run.
        return new CoordinatorProcess(JarProcess.start(Path.of("target"), "coordinator", environment, List.of(flags)));
    }

    /** Waits for the exit code; fails (killing it) when it does not end within {@code timeout}. */
    public int waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout);
    }

    /** Everything it printed (summary on stdout, progress and logs on stderr, merged). */
    public String log() {
        return process.log();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
