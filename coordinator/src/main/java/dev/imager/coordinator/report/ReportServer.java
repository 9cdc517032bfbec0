package dev.imager.coordinator.report;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code --report-hold}: after the run, the report served on the run's HTTP port ({@code /report.json},
 * {@code /report.html}, and {@code /healthz} for the pod's probes) until both files were fetched once or the hold
 * ends, whichever comes first. This is how the LoadTest operator gets a run's report out of its pod.
 */
public final class ReportServer {

    private ReportServer() {
    }

    /**
     * Serves {@code report} on {@code host:port} and blocks until both files were fetched or {@code hold} passed.
     *
     * @return true when both were fetched
     */
    public static boolean serveUntilFetched(String host, int port, RunReport report, Duration hold)
            throws IOException, InterruptedException {
        Map<String, byte[]> files = Map.of(
                "/" + ReportFiles.JSON_FILE, ReportJson.toJson(report).getBytes(StandardCharsets.UTF_8),
                "/" + ReportFiles.HTML_FILE, HtmlReport.render(report).getBytes(StandardCharsets.UTF_8));
        Map<String, String> types = Map.of("/" + ReportFiles.JSON_FILE, "application/json",
                "/" + ReportFiles.HTML_FILE, "text/html; charset=utf-8");
        Set<String> fetched = ConcurrentHashMap.newKeySet();
        CountDownLatch both = new CountDownLatch(files.size());
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        var executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "imager-report-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/healthz", exchange -> respond(exchange, 200, "text/plain; charset=utf-8",
                "ok".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = files.get(path);
            if (body == null || !"GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 404, "text/plain; charset=utf-8", "404 page not found\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            respond(exchange, 200, types.get(path), body);
            if (fetched.add(path)) {
                both.countDown();
            }
        });
        server.start();
        try {
            return both.await(hold.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
