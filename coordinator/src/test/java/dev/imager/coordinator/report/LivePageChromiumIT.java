package dev.imager.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imager.coordinator.run.Coordinator;
import dev.imager.coordinator.run.FinishedRun;
import dev.imager.coordinator.run.RunControl;
import dev.imager.coordinator.run.RunListener;
import dev.imager.coordinator.run.RunOptions;
import dev.imager.coordinator.testing.Configs;
import dev.imager.coordinator.testing.DevTools;
import dev.imager.coordinator.testing.RecordingListener;
import dev.imager.protocol.testing.NatsTestServer;
import dev.imager.sumservice.SumServer;
import dev.imager.sumservice.SumServiceConfig;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The live page on the coordinator's HTTP port during a real run (local mode against sumservice on loopback), in
 * a headless Chromium that stays open on it: the status it shows equals {@code /status}, its summary and charts
 * follow the run every second, and clients that stall the HTTP server do not hold up the run.
 */
class LivePageChromiumIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The /status fields the page's status table shows (data-metric = field, workers.* = workers map). */
    private static final List<String> STATUS_FIELDS = List.of("state", "phase", "round", "plannedRate",
            "achievedRate", "p50Ms", "p99Ms", "planned", "sent", "ok", "failed", "dropped", "lost", "workers.live",
            "workers.missing", "workers.gone", "capacityRps");

    /** Reads the page's status table: data-metric -> data-value. */
    private static final String READ_STATUS = "Object.fromEntries(Array.from("
            + "document.querySelectorAll('#live-table td[data-metric]'))"
            + ".map(td => [td.getAttribute('data-metric'), td.getAttribute('data-value')]))";

    @Test
    void showsWhatStatusSaysAndFollowsTheRun() throws Exception {
        int port = NatsTestServer.freePort();
        RunControl control = new RunControl();
        RecordingListener rounds = new RecordingListener();
        try (SumServer target = SumServer.start(SumServiceConfig.defaults().withHost("127.0.0.1").withPort(0))) {
            CompletableFuture<FinishedRun> run = startLocalRun(port, target, rounds, control,
                    "-load-calculator", "step", "-min-rps", "10", "-max-rps", "40", "-step-rps", "10");
            try {
                awaitPage(port);
                HttpResponse<String> page = get(port, "/");
                assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
                assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                        .contains("default-src 'none'").contains("connect-src 'self'");
                assertThat(page.body()).contains("id=\"report-data\"").doesNotContainIgnoringCase("<script src");

                try (DevTools browser = DevTools.open("http://127.0.0.1:" + port + "/")) {
                    await("a running run on the page").atMost(Duration.ofSeconds(30))
                            .pollInterval(Duration.ofMillis(250))
                            .until(() -> browser.evaluate("document.documentElement?.getAttribute('data-live-state') ?? ''")
                                    .asText().equals("running")
                                    && browser.evaluate("document.querySelectorAll('svg[data-chart=rate]').length")
                                    .asInt() == 1);

                    // The page polls every second; /status answers now: retry until both show the same moment.
                    AtomicReference<Map<String, Object>> shown = new AtomicReference<>();
                    await("the page showing what /status says").atMost(Duration.ofSeconds(30))
                            .pollInterval(Duration.ofMillis(100)).until(() -> {
                                JsonNode before = status(port);
                                Map<String, Object> onPage = pageStatus(browser);
                                JsonNode after = status(port);
                                shown.set(onPage);
                                return before.get("state").asText().equals("running")
                                        && fields(before).equals(fields(after)) && onPage.equals(fields(after));
                            });
                    Map<String, Object> first = shown.get();
                    assertThat((Double) first.get("planned")).isPositive();
                    assertThat(first.get("sent")).isEqualTo(first.get("ok"));

                    // The report under the status is the same moment's: the summary's counts, and a rate chart
                    // with one point per completed round.
                    JsonNode summary = browser.evaluate("({planned: document.querySelector("
                            + "'main td[data-metric=planned]').getAttribute('data-value'), points: (document"
                            + ".querySelector('svg[data-chart=rate] path[data-series=achieved]').getAttribute('d')"
                            + ".match(/[ML]/g) || []).length, rounds: document.querySelector('#rounds summary')"
                            + ".textContent})");
                    assertThat(summary.get("planned").asDouble()).isEqualTo(first.get("planned"));
                    assertThat(summary.get("points").asInt()).isPositive();
                    assertThat(summary.get("rounds").asText()).isEqualTo("Rounds (" + summary.get("points").asInt()
                            + ")");

                    // Two clients that stall the HTTP server (one never reads its answer, one never ends its
                    // request) hold up neither the run's control thread nor anything it keeps: rounds go on.
                    try (Socket stalled = new Socket("127.0.0.1", port); Socket partial = new Socket("127.0.0.1", port)) {
                        OutputStream out = stalled.getOutputStream();
                        out.write(("GET " + LivePage.DATA_PATH + "?after=-1 HTTP/1.1\r\nHost: x\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        partial.getOutputStream().write("GET / HTTP/1.1\r\nHost:".getBytes(StandardCharsets.US_ASCII));
                        int completed = rounds.rounds.size();
                        await("rounds completing beside stalled clients").atMost(Duration.ofSeconds(20))
                                .pollInterval(Duration.ofMillis(100)).until(() -> rounds.rounds.size() >= completed + 3);
                    }
                    // And the page goes on following the run.
                    double round = (Double) first.get("round");
                    await("the page following the run").atMost(Duration.ofSeconds(20))
                            .pollInterval(Duration.ofMillis(250))
                            .until(() -> (Double) pageStatus(browser).get("round") >= round + 2);
                    assertThat(browser.exceptions()).as("uncaught exceptions on the live page").isEmpty();
                    // For a look by eye.
                    browser.screenshot(Path.of("target", "chromium-it", "live", "live.png"));
                }
            } finally {
                control.stop("test over");
                run.get(60, TimeUnit.SECONDS);
            }
            assertThat(run.get().endReason()).isEqualTo("test over");
        }
    }

    @Test
    void aClosedModelRunShowsUsersWhereItPlansUsers() throws Exception {
        int port = NatsTestServer.freePort();
        RunControl control = new RunControl();
        try (SumServer target = SumServer.start(SumServiceConfig.defaults().withHost("127.0.0.1").withPort(0))) {
            CompletableFuture<FinishedRun> run = startLocalRun(port, target, new RunListener() { }, control,
                    "--model", "closed", "--users", "3", "--think-time", "50ms");
            try {
                awaitPage(port);
                try (DevTools browser = DevTools.open("http://127.0.0.1:" + port + "/")) {
                    String read = "({head: Array.from(document.querySelectorAll('#live-table th')).map(t => t.textContent)"
                            + ".join('|'), planned: document.querySelector('#live-table td[data-metric=plannedRate]')"
                            + "?.textContent ?? ''})";
                    await("the planned users on the page").atMost(Duration.ofSeconds(30))
                            .pollInterval(Duration.ofMillis(250))
                            .until(() -> browser.evaluate(read).get("planned").asText().equals("3 users"));
                    assertThat(browser.evaluate(read).get("head").asText()).contains("planned users")
                            .doesNotContain("planned rate");
                    assertThat(status(port).get("plannedUnit").asText()).isEqualTo("users");
                    assertThat(browser.exceptions()).as("uncaught exceptions on the live page").isEmpty();
                }
            } finally {
                control.stop("test over");
                run.get(60, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * A 60 s local-mode run against {@code target} with {@code load} flags, its live page on {@code port}.
     */
    private static CompletableFuture<FinishedRun> startLocalRun(int port, SumServer target, RunListener listener,
            RunControl control, String... load) {
        List<String> args = new java.util.ArrayList<>(List.of("--local-workers", "1", "-target-mode", "url",
                "-target-url", "http://127.0.0.1:" + target.port(), "-request-source-type", "random-sum",
                "--duration", "60s", "-listen-port", Integer.toString(port)));
        args.addAll(List.of(load));
        return CompletableFuture.supplyAsync(() -> Coordinator.run(Configs.parse(args.toArray(String[]::new)),
                RunOptions.defaults().withListener(listener), control));
    }

    private static void awaitPage(int port) {
        await("the live page").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> get(port, "/").statusCode() == 200);
    }

    /** The page's status table: data-metric -> data-value, numbers as numbers (String() of a number round-trips). */
    private static Map<String, Object> pageStatus(DevTools browser) {
        JsonNode cells = browser.evaluate(READ_STATUS);
        Map<String, Object> values = new TreeMap<>();
        cells.fields().forEachRemaining(e -> values.put(e.getKey(), value(e.getValue().asText())));
        values.remove("elapsedSeconds");
        return values;
    }

    /** The same fields of /status. */
    private static Map<String, Object> fields(JsonNode status) {
        Map<String, Object> values = new TreeMap<>();
        for (String field : STATUS_FIELDS) {
            JsonNode v = field.startsWith("workers.") ? status.get("workers").get(field.substring(8))
                    : status.get(field);
            values.put(field, v == null || v.isNull() ? "" : v.isNumber() ? (Object) v.asDouble() : v.asText());
        }
        return values;
    }

    private static Object value(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private static JsonNode status(int port) throws Exception {
        return JSON.readTree(get(port, "/status").body());
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
