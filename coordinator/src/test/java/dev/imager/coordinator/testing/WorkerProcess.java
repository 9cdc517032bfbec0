package dev.imager.coordinator.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real worker process (the shaded worker jar) for tests that span processes. */
public final class WorkerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final String id;

    private WorkerProcess(Process process, Path log, String id) {
        this.process = process;
        this.log = log;
        this.id = id;
    }

    /** Starts worker {@code id} against {@code natsUrl} with extra flags (without metrics unless they say). */
    public static WorkerProcess start(String id, String natsUrl, String... flags) throws IOException {
        Path jar = workerJar();
        Path log = Files.createTempFile("worker-" + id, ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString(), "--nats-url", natsUrl, "--id", id, "--event-loops", "1"));
        if (!List.of(flags).contains("--metrics-port")) {
            command.addAll(List.of("--metrics-port", "-1"));
        }
        command.addAll(List.of(flags));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new WorkerProcess(p, log, id);
    }

    /** The worker jar the reactor built before these integration tests run. */
    static Path workerJar() throws IOException {
        Path target = Path.of("..", "worker", "target");
        try (var files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("imager-worker-.*-all\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no worker jar in " + target.toAbsolutePath()
                            + ": build with ./mvnw package first"));
        }
    }

    public String id() {
        return id;
    }

    /** SIGKILL: the worker vanishes without a goodbye, as a crashed pod would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
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
