package dev.imager.coordinator.testing;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A headless Chromium kept open on a page, driven through the DevTools protocol over its WebSocket: it evaluates
 * JavaScript in the page while the page lives (a live page that keeps changing cannot be judged from one DOM
 * dump), and records the page's uncaught exceptions.
 */
public final class DevTools implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
    private final List<String> exceptions = new CopyOnWriteArrayList<>();

    private DevTools(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** Starts a browser on {@code url} and connects to its page. */
    public static DevTools open(String url) throws IOException, InterruptedException {
        Chromium.requireInstalled();
        Path profile = Files.createTempDirectory("imager-chromium-devtools");
        Path log = profile.resolveSibling(profile.getFileName() + ".log");
        Process process = new ProcessBuilder(Chromium.command(profile, url, "--remote-debugging-port=0",
                "--window-size=1400,1000"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            // Chromium writes the port it picked, then the browser's path, into the profile directory.
            Path portFile = profile.resolve("DevToolsActivePort");
            await("DevToolsActivePort of Chromium (log " + log + ")").atMost(Duration.ofSeconds(Chromium.TIMEOUT_SECONDS))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2);
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String pageSocket = await("the page target").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).until(() -> pageSocket(http, port), s -> s != null);
            Listener listener = new Listener();
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), listener)
                    .get(30, TimeUnit.SECONDS);
            DevTools devTools = new DevTools(process, profile, socket);
            listener.owner = devTools;
            devTools.call("Runtime.enable", JSON.createObjectNode());
            return devTools;
        } catch (Exception e) {
            Chromium.stop(process);
            Chromium.deleteTree(profile);
            return fail("cannot drive Chromium through DevTools (log " + log + "): " + e, e);
        }
    }

    private static String pageSocket(HttpClient http, int port) throws IOException, InterruptedException {
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/json/list")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode target : JSON.readTree(list.body())) {
            if (target.path("type").asText().equals("page")) {
                return target.path("webSocketDebuggerUrl").asText(null);
            }
        }
        return null;
    }

    /**
     * The value of {@code expression} evaluated in the page (a promise is awaited), as JSON; fails on an exception
     * in the page.
     */
    public JsonNode evaluate(String expression) {
        ObjectNode params = JSON.createObjectNode().put("expression", expression).put("returnByValue", true)
                .put("awaitPromise", true);
        JsonNode result = call("Runtime.evaluate", params);
        if (result.has("exceptionDetails")) {
            return fail("page exception evaluating " + expression + ": " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Saves what the page shows now as a PNG (the whole page, not only the window). */
    public void screenshot(Path png) throws IOException {
        JsonNode shot = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png")
                .put("captureBeyondViewport", true));
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, java.util.Base64.getDecoder().decode(shot.path("data").asText()));
    }

    /** Uncaught exceptions the page threw so far. */
    public List<String> exceptions() {
        return List.copyOf(exceptions);
    }

    private JsonNode call(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        calls.put(id, reply);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        try {
            socket.sendText(message.toString(), true).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            JsonNode answer = reply.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (answer.has("error")) {
                return fail(method + " failed: " + answer.get("error"));
            }
            return answer.path("result");
        } catch (Exception e) {
            return fail(method + " got no answer within " + CALL_TIMEOUT.toSeconds() + " s: " + e, e);
        } finally {
            calls.remove(id);
        }
    }

    private void received(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            if (message.has("id")) {
                CompletableFuture<JsonNode> reply = calls.get(message.get("id").asInt());
                if (reply != null) {
                    reply.complete(message);
                }
            } else if ("Runtime.exceptionThrown".equals(message.path("method").asText())) {
                exceptions.add(message.path("params").path("exceptionDetails").toString());
            }
        } catch (IOException e) {
            exceptions.add("undecodable DevTools message: " + e);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        socket.abort();
        Chromium.stop(process);
        Chromium.deleteTree(profile);
    }

    /** Collects a message's fragments and hands whole messages to the session. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private volatile DevTools owner;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (owner != null) {
                    owner.received(text);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
