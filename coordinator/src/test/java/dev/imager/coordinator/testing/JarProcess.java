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

/**
 * One of the reactor's shaded jars run as its own JVM ({@code java -Xmx256m -jar ...}), its output in a log file:
 * what {@link WorkerProcess} and {@link CoordinatorProcess} start.
 */
final class JarProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private JarProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the jar named {@code imager-<module>-*-all.jar} in {@code targetDir} with these arguments and extra
     * environment variables.
     */
    static JarProcess start(Path targetDir, String module, Map<String, String> environment, List<String> args)
            throws IOException {
        Path jar;
        try (var files = Files.list(targetDir)) {
            jar = files.filter(f -> f.getFileName().toString().matches("imager-" + module + "-.*-all\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no " + module + " jar in "
                            + targetDir.toAbsolutePath() + ": build with ./mvnw package first"));
        }
        Path log = Files.createTempFile(module, ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-jar", jar.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new JarProcess(builder.start(), log);
    }

    /** Waits for the exit code; fails (killing the process) when it does not end within {@code timeout}. */
    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError("the process did not exit within " + timeout + "; its log:\n" + log());
        }
        return process.exitValue();
    }

    /** SIGKILL: the process vanishes without a goodbye, as a crashed pod would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, then SIGKILL after 20 s. */
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
