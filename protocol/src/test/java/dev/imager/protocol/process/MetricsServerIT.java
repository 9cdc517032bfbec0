package dev.imager.protocol.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

    /** A client that sends the start of a request and then nothing. */
    private static Socket stalled(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        OutputStream out = socket.getOutputStream();
        out.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** {@code GET /healthz} as a liveness probe sends it: it must answer within one second. */
    private HttpResponse<String> probe(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void stalledClientsCannotFailTheLivenessProbe() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try (MetricsServer server = new MetricsServer("127.0.0.1", 0, () -> "", () -> true)) {
            // More half-sent requests than the server keeps connections: none of them may block the probe.
            for (int i = 0; i < EndpointServer.MAX_CONNECTIONS + 16; i++) {
                stalled.add(stalled(server.port()));
            }
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> probe = probe(server.port());
                assertThat(probe.statusCode()).isEqualTo(200);
                assertThat(probe.body()).isEqualTo("ok");
            }
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    @Test
    void aStalledRequestIsClosedAfterTheReadTimeout() throws Exception {
        try (MetricsServer server = new MetricsServer("127.0.0.1", 0, () -> "", () -> true);
                Socket socket = stalled(server.port())) {
            socket.setSoTimeout((int) EndpointServer.READ_TIMEOUT.plusSeconds(5).toMillis());
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            assertThat(in.read()).as("the server closed the connection").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(EndpointServer.READ_TIMEOUT.plusSeconds(2));
        }
    }

    @Test
    void aSlowScrapeDelaysNeitherTheHealthCheckNorAnotherScrape() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger scrapes = new AtomicInteger();
        try (MetricsServer server = new MetricsServer("127.0.0.1", 0, () -> {
            if (scrapes.incrementAndGet() == 1) {
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "slow\n";
            }
            return "fast\n";
        }, () -> true)) {
            int port = server.port();
            CompletableFuture<HttpResponse<String>> slow = http.sendAsync(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> scrapes.get() == 1);

            assertThat(probe(port).statusCode()).isEqualTo(200);
            assertThat(send(port, "GET", "/metrics").body()).isEqualTo("fast\n");
            assertThat(slow).isNotDone();
            release.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS).body()).isEqualTo("slow\n");
        }
    }

    @Test
    void anOversizedOrMalformedRequestIsRefused() throws Exception {
        try (MetricsServer server = new MetricsServer("127.0.0.1", 0, () -> "", () -> true)) {
            assertThat(raw(server.port(), "GET /healthz HTTP/1.1\r\nX-Big: " + "x".repeat(EndpointServer.MAX_HEAD_BYTES)
                    + "\r\n\r\n")).startsWith("HTTP/1.1 431 ");
            assertThat(raw(server.port(), "nonsense\r\n\r\n")).startsWith("HTTP/1.1 400 ");
            assertThat(raw(server.port(), "GET /healthz?probe=1 HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 200 ")
                    .endsWith("\r\n\r\nok");
        }
    }

    /** Sends {@code request} as it is and returns everything the server answers before it closes. */
    private static String raw(int port, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            try {
                return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            } catch (java.net.SocketException reset) {
                // The server may close while the rest of an oversized request is still being sent.
                return "";
            }
        }
    }
}
