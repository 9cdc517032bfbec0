package dev.imager.coordinator.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Just enough of a Kubernetes API server on loopback for Helm's {@code lookup} of Secrets ({@code helm template
 * --dry-run=server}): the core API's discovery and GET of the Secrets it holds; 404 for everything else. Every
 * request path is recorded.
 */
final class FakeKubernetesApi implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, Secret> secrets;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private FakeKubernetesApi(Map<String, Secret> secrets) throws IOException {
        this.secrets = Map.copyOf(secrets);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves these Secrets, by "namespace/name". */
    static FakeKubernetesApi serving(Map<String, Secret> secrets) throws IOException {
        return new FakeKubernetesApi(secrets);
    }

    /** A kubeconfig pointing at this server, written into {@code dir}. */
    Path kubeconfig(Path dir) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "kubeconfig", ".yaml"), """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: fake
                    cluster: {server: "http://127.0.0.1:%d"}
                contexts:
                  - name: fake
                    context: {cluster: fake, user: fake}
                current-context: fake
                users:
                  - name: fake
                    user: {token: fake}
                """.formatted(server.getAddress().getPort()));
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(exchange.getRequestMethod() + " " + path);
        Object body = null;
        if (exchange.getRequestMethod().equals("GET") && path.equals("/api/v1")) {
            body = Map.of("kind", "APIResourceList", "groupVersion", "v1", "resources", List.of(Map.of("name",
                    "secrets", "singularName", "secret", "namespaced", true, "kind", "Secret", "verbs",
                    List.of("get"))));
        } else if (exchange.getRequestMethod().equals("GET") && path.matches("/api/v1/namespaces/[^/]+/secrets/[^/]+")) {
            String[] parts = path.split("/");
            body = secrets.get(parts[4] + "/" + parts[6]);
        }
        byte[] bytes = Manifests.SERIALIZATION.asJson(body != null ? body : Map.of("kind", "Status", "apiVersion",
                "v1", "status", "Failure", "reason", "NotFound", "code", 404)).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(body != null ? 200 : 404, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
