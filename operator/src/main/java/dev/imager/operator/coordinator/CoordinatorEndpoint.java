package dev.imager.operator.coordinator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imager.coordinator.status.RunStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A run's coordinator over HTTP (its {@code -listen-port}): {@code /status} while it runs, {@code /report.json}
 * and {@code /report.html} once it has ended (served for {@code --report-hold}). The peer is a pod on the cluster
 * network: every answer is bounded in time and size, and a malformed one is an error, never a status.
 */
public final class CoordinatorEndpoint {

    /** A status is a few hundred bytes. */
    static final int MAX_STATUS_BYTES = 64 * 1024;
    /**
     * Nothing bigger fits the ConfigMap the report goes to, even gzip-compressed (a report's rows compress about
     * tenfold); the bound keeps what a peer can make the operator hold at two such files.
     */
    public static final int MAX_REPORT_BYTES = 8 * 1024 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** What a coordinator answered for a report file. */
    public sealed interface Fetched {
        /** The file, at most {@link #MAX_REPORT_BYTES} bytes. */
        record Body(String text) implements Fetched {
        }

        /** The file is bigger than {@link #MAX_REPORT_BYTES}. */
        record TooLarge() implements Fetched {
        }

        /** Not there (yet): 404, or the coordinator not reachable. */
        record Missing(String why) implements Fetched {
        }
    }

    /** The status of the coordinator at {@code base} ({@code http://ip:port}). */
    public RunStatus status(URI base) throws IOException {
        Optional<String> body = get(base.resolve("/status"), MAX_STATUS_BYTES);
        if (body.isEmpty()) {
            throw new IOException("/status answered more than " + MAX_STATUS_BYTES + " bytes");
        }
        RunStatus status = json.readValue(body.get(), RunStatus.class);
        if (status.state() == null) {
            throw new IOException("/status without a state");
        }
        return status;
    }

    /** {@code path} ({@code /report.json}, {@code /report.html}) of the coordinator at {@code base}. */
    public Fetched report(URI base, String path) {
        try {
            Optional<String> body = get(base.resolve(path), MAX_REPORT_BYTES);
            return body.<Fetched>map(Fetched.Body::new).orElseGet(Fetched.TooLarge::new);
        } catch (IOException e) {
            return new Fetched.Missing(e.getMessage());
        }
    }

    /** The body, or empty when it exceeds {@code limit} bytes. */
    private Optional<String> get(URI uri, int limit) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(uri.getPath() + " answered " + response.statusCode());
            }
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                return Optional.empty();
            }
            return Optional.of(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
