package dev.imager.protocol.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The {@code /metrics}, {@code /healthz} and JSON routes both processes serve, over real HTTP on loopback. */
class MetricsServerIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> send(int port, String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheScrapeTextHealthAndJsonRoutes() throws Exception {
        AtomicInteger scrapes = new AtomicInteger();
        AtomicBoolean healthy = new AtomicBoolean(true);
        try (MetricsServer server = new MetricsServer("127.0.0.1", 0,
                () -> "# TYPE up gauge\nup " + scrapes.incrementAndGet() + ".0\n", healthy::get)
                .json("/status", () -> "{\"state\":\"running\"}")) {
            int port = server.port();

            HttpResponse<String> metrics = send(port, "GET", "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(metrics.body()).isEqualTo("# TYPE up gauge\nup 1.0\n");
            assertThat(send(port, "GET", "/metrics").body()).as("rendered afresh per scrape").endsWith("up 2.0\n");
            assertThat(send(port, "HEAD", "/metrics").body()).isEmpty();
            assertThat(send(port, "POST", "/metrics").statusCode()).isEqualTo(405);

            assertThat(send(port, "GET", "/healthz").body()).isEqualTo("ok");
            healthy.set(false);
            HttpResponse<String> unhealthy = send(port, "GET", "/healthz");
            assertThat(unhealthy.statusCode()).isEqualTo(503);
            assertThat(unhealthy.body()).isEqualTo("unhealthy");

            HttpResponse<String> status = send(port, "GET", "/status");
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(status.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(status.body()).isEqualTo("{\"state\":\"running\"}");
            assertThat(send(port, "GET", "/elsewhere").statusCode()).isEqualTo(404);
        }
    }
}
