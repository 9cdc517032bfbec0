package dev.imager.protocol.process;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.imager.protocol.DaemonThreadFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Serves {@code /metrics} (Prometheus text) and {@code /healthz} on a port, for the worker and coordinator
 * processes. Small on purpose: it is scraped every few seconds, not load-tested. It knows no metrics library:
 * whoever starts it says how to render the text, so the metrics stay behind each process's adapter.
 */
public final class MetricsServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    /**
     * @param port port to listen on (0 picks a free one)
     * @param scrape renders {@code /metrics}: the Prometheus text exposition format, version 0.0.4
     * @param healthy answers {@code /healthz}: 200 when true, 503 otherwise
     */
    public MetricsServer(String host, int port, Supplier<String> scrape, BooleanSupplier healthy)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.createContext("/metrics", exchange -> {
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                respond(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
                return;
            }
            respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", scrape.get());
        });
        server.createContext("/healthz", exchange -> {
            boolean ok = healthy.getAsBoolean();
            respond(exchange, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok" : "unhealthy");
        });
        server.createContext("/", exchange -> {
            Route route = routes.get(exchange.getRequestURI().getPath());
            if (route != null) {
                String query = exchange.getRequestURI().getRawQuery();
                route.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
                respond(exchange, 200, route.contentType(), route.body().apply(query == null ? "" : query));
            } else {
                respond(exchange, 404, "text/plain; charset=utf-8", "404 page not found\n");
            }
        });
        server.setExecutor(Executors.newSingleThreadExecutor(new DaemonThreadFactory("imager-metrics-http")));
        server.start();
    }

    /** Also answers {@code GET path} with the JSON {@code body} supplies (e.g. {@code /status}). */
    public MetricsServer json(String path, Supplier<String> body) {
        return route(path, "application/json", Map.of(), query -> body.get());
    }

    /**
     * Also answers {@code GET path} with what {@code body} makes of the request's raw query string ({@code ""} when
     * there is none; it comes from the client, so treat it as hostile), with {@code contentType} and the extra
     * response {@code headers}.
     */
    public MetricsServer route(String path, String contentType, Map<String, String> headers,
            Function<String, String> body) {
        routes.put(path, new Route(contentType, Map.copyOf(headers), body));
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    private record Route(String contentType, Map<String, String> headers, Function<String, String> body) {
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
