package dev.imager.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code --report-hold}: the finished run's report over HTTP on loopback until both files were fetched (the
 * LoadTest operator's way to it), or until the hold ends when nobody comes.
 */
class ReportServerIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void servesBothFilesAndEndsOnceBothWereFetched() throws Exception {
        RunReport report = SampleReports.small();
        int port = freePort();
        CompletableFuture<Boolean> served = CompletableFuture.supplyAsync(() -> {
            try {
                return ReportServer.serveUntilFetched("127.0.0.1", port, report, Duration.ofMinutes(2));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        HttpResponse<String> json = getWhenUp(port, "/report.json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(ReportJson.fromJson(json.body()).totals()).isEqualTo(report.totals());
        assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);
        assertThat(get(port, "/elsewhere").statusCode()).isEqualTo(404);
        assertThat(served).as("one file fetched: still serving").isNotDone();

        HttpResponse<String> html = get(port, "/report.html");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).isEqualTo(HtmlReport.render(report));

        assertThat(served.get(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void givesUpWhenNobodyFetchesWithinTheHold() throws Exception {
        long start = System.nanoTime();
        boolean fetched = ReportServer.serveUntilFetched("127.0.0.1", freePort(), SampleReports.small(),
                Duration.ofMillis(300));
        assertThat(fetched).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    /** The first answer once the server listens (it starts on another thread). */
    private HttpResponse<String> getWhenUp(int port, String path) {
        return await().atMost(Duration.ofSeconds(10)).ignoreExceptionsInstanceOf(java.net.ConnectException.class)
                .until(() -> get(port, path), r -> true);
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
