package dev.imager.coordinator.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A real worker process (the shaded worker jar) for tests that span processes. */
public final class WorkerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final JarProcess process;
    private final String id;
    private final int metricsPort;

    private WorkerProcess(JarProcess process, String id, int metricsPort) {
        this.process = process;
        this.id = id;
        this.metricsPort = metricsPort;
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
        return new WorkerProcess(JarProcess.start(Path.of("..", "worker", "target"), "worker", environment, args), id,
                metricsPort);
    }

    public String id() {
        return id;
    }

    /**
     * The value of gauge {@code name} (Prometheus name, no labels) on the worker's /metrics; NaN while the worker
     * does not answer yet. Needs a metrics port.
     */
    public double gauge(String name) throws InterruptedException {
        if (metricsPort <= 0) {
            throw new IllegalStateException("worker " + id + " was started without a metrics port");
        }
        try {
            String body = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
            return body.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(
                    l.substring(name.length() + 1).trim())).findFirst().orElse(Double.NaN);
        } catch (IOException notYet) {
            return Double.NaN;
        }
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
