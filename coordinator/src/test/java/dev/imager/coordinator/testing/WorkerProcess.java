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

    /** Starts worker {@code id} against {@code natsUrl} with extra flags (without metrics unless they say). */
    public static WorkerProcess start(String id, String natsUrl, String... flags) throws IOException {
        return start(id, natsUrl, Map.of(), flags);
    }

    /**
     * Starts worker {@code id} against {@code natsUrl} with extra flags and environment variables (such as
     * {@code IMAGER_NATS_PASSWORD}, as a pod gets it from a Secret).
     */
    public static WorkerProcess start(String id, String natsUrl, Map<String, String> environment, String... flags)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("--nats-url", natsUrl, "--id", id, "--event-loops", "1"));
        if (!List.of(flags).contains("--metrics-port")) {
            args.addAll(List.of("--metrics-port", "-1")); // picocli refuses an option given twice
        }
        args.addAll(List.of(flags));
        int port = List.of(flags).indexOf("--metrics-port");
        // The worker jar the reactor built before these integration tests run.
        return new WorkerProcess(JarProcess.start(Path.of("..", "worker", "target"), "worker", environment, args), id,
                port < 0 ? -1 : Integer.parseInt(flags[port + 1]));
    }

    public String id() {
        return id;
    }

    /**
     * The value of gauge {@code name} (Prometheus name, no labels) on the worker's /metrics; NaN while the worker
     * does not answer yet. Needs a {@code --metrics-port} among the flags.
     */
    public double gauge(String name) throws InterruptedException {
        if (metricsPort <= 0) {
            throw new IllegalStateException("worker " + id + " was started without a --metrics-port");
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
