package dev.imager.coordinator.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real coordinator process (the shaded coordinator jar), for tests that need every party in its own process. */
public final class CoordinatorProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private CoordinatorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code coordinator flags...}; its output goes to a log file. */
    public static CoordinatorProcess start(String... flags) throws IOException {
        Path log = Files.createTempFile("coordinator", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar().toString()));
        command.addAll(List.of(flags));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new CoordinatorProcess(p, log);
    }

    /** The coordinator jar this module's build made before its integration tests run. */
    static Path jar() throws IOException {
        Path target = Path.of("target");
        try (var files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("imager-coordinator-.*-all\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no coordinator jar in " + target.toAbsolutePath()
                            + ": build with ./mvnw package first"));
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end; its exit code, or -1 when it still runs after {@code seconds}. */
    public int awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

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
