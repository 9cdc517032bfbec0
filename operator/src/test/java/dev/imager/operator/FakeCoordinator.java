package dev.imager.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A coordinator's HTTP side on 127.0.0.1, as the operator sees it: {@code /status} JSON while a run lasts, and
 * {@code /report.json} and {@code /report.html} once the test says so. Anything not set answers 404.
 */
final class FakeCoordinator implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    FakeCoordinator() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fake-coordinator");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::answer);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Serves {@code body} at {@code path} from now on; null: 404. */
    void serve(String path, String body) {
        if (body == null) {
            bodies.remove(path);
        } else {
            bodies.put(path, body);
        }
    }

    /** Requests seen for {@code path}. */
    int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    /** A /status body in the coordinator's RunStatus shape. */
    static String status(String state, long round, String phase, double planned, double achieved, double p50,
            double p99, long plannedTotal, long ok, long failed, int live, Double capacity) {
        return String.format(java.util.Locale.ROOT, "{\"runId\":\"run-1234abcd\",\"coordinatorId\":\"c-1\","
                + "\"state\":\"%s\",\"elapsedSeconds\":12.5,\"round\":%d,\"phase\":\"%s\",\"plannedRate\":%s,"
                + "\"achievedRate\":%s,\"p50Ms\":%s,\"p99Ms\":%s,\"planned\":%d,\"sent\":%d,\"ok\":%d,\"failed\":%d,"
                + "\"dropped\":0,\"lost\":0,\"workers\":{\"live\":%d,\"draining\":0,\"missing\":0,\"gone\":0},"
                + "\"capacityRps\":%s,\"newFieldOfALaterVersion\":true}", state, round, phase, planned, achieved, p50,
                p99, plannedTotal, ok + failed, ok, failed, live, capacity == null ? "null" : capacity.toString());
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        String body = bodies.get(path);
        byte[] bytes = (body == null ? "404 page not found\n" : body).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
