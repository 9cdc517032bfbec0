package dev.imager.protocol.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Serves {@code /metrics} (Prometheus text), {@code /healthz} and JSON routes such as {@code /status} on a port, for
 * the worker and coordinator processes. It knows no metrics library: whoever starts it says how to render the text,
 * so the metrics stay behind each process's adapter.
 *
 * <p>The health check is answered at once on the server's own thread, whatever else is going on: a client that sends
 * half a request and stalls, or a slow scrape, cannot make a liveness probe fail ({@link EndpointServer} says how).
 * {@code healthy} must therefore be quick and never block.
 */
public final class MetricsServer implements AutoCloseable {

    private final EndpointServer server;
    private final Map<String, Supplier<String>> jsonRoutes = new ConcurrentHashMap<>();

    /**
     * @param port port to listen on (0 picks a free one)
     * @param scrape renders {@code /metrics}: the Prometheus text exposition format, version 0.0.4
     * @param healthy answers {@code /healthz}: 200 when true, 503 otherwise; called on the server's thread
     */
    public MetricsServer(String host, int port, Supplier<String> scrape, BooleanSupplier healthy)
            throws IOException {
        EndpointServer.Route metrics = new EndpointServer.Route(false, (method, path) ->
                method.equals("GET") || method.equals("HEAD")
                        ? new Response(200, "text/plain; version=0.0.4; charset=utf-8", scrape.get())
                        : Response.text(405, "method not allowed\n"));
        EndpointServer.Route health = new EndpointServer.Route(true, (method, path) -> healthy.getAsBoolean()
                ? Response.text(200, "ok") : Response.text(503, "unhealthy"));
        server = new EndpointServer(new InetSocketAddress(host, port), path -> switch (path) {
            case "/metrics" -> metrics;
            case "/healthz" -> health;
            default -> json(path);
        });
    }

    private EndpointServer.Route json(String path) {
        Supplier<String> body = jsonRoutes.get(path);
        return body == null ? null : new EndpointServer.Route(false, (method, p) ->
                new Response(200, "application/json", body.get()));
    }

    /** Also answers {@code GET path} with the JSON {@code body} supplies (e.g. {@code /status}). */
    public MetricsServer json(String path, Supplier<String> body) {
        jsonRoutes.put(path, body);
        return this;
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
