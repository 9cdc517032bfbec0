package dev.imager.coordinator.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A real worker process (the shaded worker jar) for tests that span processes. */
public final class WorkerProcess implements AutoCloseable {

    private final JarProcess process;
    private final String id;

    private WorkerProcess(JarProcess process, String id) {
        this.process = process;
        this.id = id;
    }

    /** Starts worker {@code id} against {@code natsUrl} with extra flags, serving no metrics. */
    public static WorkerProcess start(String id, String natsUrl, String... flags) throws IOException {
        return start(id, natsUrl, -1, Map.of(), flags);
    }

    /** Starts worker {@code id} against {@code natsUrl}, serving /metrics on {@code metricsPort}, with extra flags. */
    public static WorkerProcess start(String id, String natsUrl, int metricsPort, String... flags) throws IOException {
        return start(id, natsUrl, metricsPort, Map.of(), flags);
    }

    /**
     * Starts worker {@code id} against {@code natsUrl} with extra flags and environment variables (such as
     * {@code IMAGER_NATS_PASSWORD}, as a pod gets it from a Secret).
     */
    public static WorkerProcess start(String id, String natsUrl, Map<String, String> environment, String... flags)
            throws IOException {
        return start(id, natsUrl, -1, environment, flags);
    }

    /** As {@link #start(String, String, Map, String...)}, serving /metrics on {@code metricsPort} (-1: none). */
    public static WorkerProcess start(String id, String natsUrl, int metricsPort, Map<String, String> environment,
            String... flags) throws IOException {
        List<String> args = new ArrayList<>(List.of("--nats-url", natsUrl, "--id", id, "--metrics-port",
                Integer.toString(metricsPort), "--event-loops", "1"));
        args.addAll(List.of(flags));
        // The worker jar the reactor built before these integration tests run.
        return new WorkerProcess(JarProcess.start(Path.of("..", "worker", "target"), "worker", environment, args), id);
    }

    public String id() {
        return id;
    }

    /** SIGKILL: the worker vanishes without a goodbye, as a crashed pod would. */
    public void kill() throws InterruptedException {
        process.kill();
    }

    public String log() {
        return process.log();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
