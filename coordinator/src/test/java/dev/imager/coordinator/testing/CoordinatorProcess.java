package dev.imager.coordinator.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real coordinator process (the shaded coordinator jar) for tests that span processes. */
public final class CoordinatorProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private CoordinatorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the coordinator with these flags and extra environment variables (e.g. IMAGER_NATS_PASSWORD). */
    public static CoordinatorProcess start(Map<String, String> environment, String... flags) throws IOException {
        Path jar = coordinatorJar();
        Path log = Files.createTempFile("coordinator", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-jar", jar.toString()));
        command.addAll(List.of(flags));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new CoordinatorProcess(builder.start(), log);
    }

    /** The coordinator jar this module's package phase built before the integration tests run. */
    static Path coordinatorJar() throws IOException {
        Path target = Path.of("target");
        try (var files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("imager-coordinator-.*-all\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no coordinator jar in " + target.toAbsolutePath()
                            + ": build with ./mvnw package first"));
        }
    }

    /**
     * Waits for the coordinator to exit and returns its exit code; fails (killing it) when it does not end within
     * {@code timeout}.
     */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the coordinator did not exit within " + timeout + "; its log:\n" + log());
        }
        return process.exitValue();
    }

    /** Everything it printed (summary on stdout, progress and logs on stderr, merged). */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
