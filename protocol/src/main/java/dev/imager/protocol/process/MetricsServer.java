package dev.imager.protocol.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Serves {@code /metrics} (Prometheus text), {@code /healthz} and further routes such as {@code /status} on a port,
 * for the worker and coordinator processes. It knows no metrics library: whoever starts it says how to render the
 * text, so the metrics stay behind each process's adapter.
 *
 * <p>The health check is answered at once on the server's own thread, whatever else is going on: a client that sends
 * half a request and stalls, or a slow scrape, cannot make a liveness probe fail ({@link EndpointServer} says how).
 * {@code healthy} must therefore be quick and never block.
 */
public final class MetricsServer implements AutoCloseable {

    private final EndpointServer server;
    private final Map<String, EndpointServer.Route> routes = new ConcurrentHashMap<>();

    /**
     * @param port port to listen on (0 picks a free one)
     * @param scrape renders {@code /metrics}: the Prometheus text exposition format, version 0.0.4
     * @param healthy answers {@code /healthz}: 200 when true, 503 otherwise; called on the server's thread
     */
    public MetricsServer(String host, int port, Supplier<String> scrape, BooleanSupplier healthy)
            throws IOException {
        EndpointServer.Route metrics = new EndpointServer.Route(false, (method, path, query) ->
                method.equals("GET") || method.equals("HEAD")
                        ? new Response(200, "text/plain; version=0.0.4; charset=utf-8", scrape.get())
                        : Response.text(405, "method not allowed\n"));
        EndpointServer.Route health = new EndpointServer.Route(true, (method, path, query) -> healthy.getAsBoolean()
                ? Response.text(200, "ok") : Response.text(503, "unhealthy"));
        server = new EndpointServer(new InetSocketAddress(host, port), path -> switch (path) {
            case "/metrics" -> metrics;
            case "/healthz" -> health;
            default -> routes.get(path);
        });
    }

    /** Also answers {@code GET path} with the JSON {@code body} supplies (e.g. {@code /status}). */
    public MetricsServer json(String path, Supplier<String> body) {
        return route(path, "application/json", Map.of(), query -> body.get());
    }

    /**
     * Also answers {@code GET path} with what {@code body} makes of the request's raw query string ({@code ""} when
     * there is none; it comes from the client, so treat it as hostile), with {@code contentType} and the extra
     * response {@code headers}. Rendered on a render thread, not the one that answers {@code /healthz}.
     */
    public MetricsServer route(String path, String contentType, Map<String, String> headers,
            Function<String, String> body) {
        Map<String, String> extra = Map.copyOf(headers);
        routes.put(path, new EndpointServer.Route(false, (method, p, query) ->
                new Response(200, contentType, extra, body.apply(query))));
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
