package dev.imager.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.protocol.message.HttpVersionChoice;
import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.message.RequestSpec;
import dev.imager.protocol.process.ImagerVersion;
import dev.imager.worker.testing.Jobs;
import dev.imager.worker.testing.LoopbackHttp2Server;
import dev.imager.worker.testing.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP/2 against real loopback HTTP/2 servers (h2c and h2 over TLS): streams, caps, resets, GOAWAY, accounting. */
class HttpEngineHttp2IT {

    @TempDir
    static Path dir;

    private static LoopbackHttp2Server h2c;
    private static LoopbackHttp2Server h2;

    @BeforeAll
    static void start() throws Exception {
        h2c = LoopbackHttp2Server.start(100);
        h2 = LoopbackHttp2Server.startTls(TestCertificates.create(dir).h2Server(), 100);
    }

    @AfterAll
    static void stop() {
        h2c.close();
        h2.close();
    }

    @BeforeEach
    void clear() {
        h2c.clear();
        h2.clear();
    }

    private static EngineSettings oneLoop() {
        return EngineSettings.defaults().withEventLoops(1).withInsecureSkipVerify(true);
    }

    private static Job job(String id, int n, double rps, RequestSpec spec, String target, long timeoutMillis,
            HttpVersionChoice version) {
        return Jobs.withClient(Jobs.uniform(id, n, rps, spec, target, timeoutMillis, 0), version, 10);
    }

    /** Runs {@code n} GETs of {@code path} at 100 rps over h2c on {@code harness} and waits for the result. */
    private static JobResult h2c(EngineHarness harness, String id, int n, String path, long timeoutMillis)
            throws Exception {
        return harness.start(job(id, n, 100, RequestSpec.get(path, ""), h2cUrl(), timeoutMillis,
                HttpVersionChoice.HTTP_2), 20).awaitResult(Duration.ofSeconds(10));
    }

    private static String h2cUrl() {
        return "http://127.0.0.1:" + h2c.port();
    }

    @Test
    void sendsEveryPlannedRequestAsAStreamOverPriorKnowledgeH2c() throws Exception {
        try (EngineHarness harness = new EngineHarness(EngineSettings.defaults().withEventLoops(2))) {
            int before = h2c.connectionsAccepted();
            var started = harness.start(job("h2c", 300, 300, RequestSpec.get("/ok", "a=1"), h2cUrl(), 2_000,
                    HttpVersionChoice.HTTP_2), 200);

            JobResult result = started.awaitResult(Duration.ofSeconds(15));

            assertThat(result.stats().outcomes()).isEqualTo(new OutcomeCounts(300, 0, 0, 0, 0, 0, 0));
            assertThat(result.stats().protocols()).isEqualTo(Map.of("HTTP/2", Map.of(200, 300L)));
            assertThat(result.stats().latency().count()).isEqualTo(300);
            assertThat(result.stats().serviceTime().count()).isEqualTo(300);
            assertThat(result.stats().sendLag().count()).isEqualTo(300);
            assertThat(result.stats().bytesReceived()).isEqualTo(600);
            assertThat(h2c.received()).hasSize(300).allSatisfy(r -> {
                assertThat(r.method()).isEqualTo("GET");
                assertThat(r.path()).isEqualTo("/ok?a=1");
                assertThat(r.authority()).isEqualTo("127.0.0.1:" + h2c.port());
                assertThat(r.headers()).containsEntry("user-agent", "imager/" + ImagerVersion.current());
            });
            // One connection per event loop carries all of its streams.
            assertThat(h2c.connectionsAccepted() - before).isBetween(1, 2);
        }
    }

    @Test
    void negotiatesH2ByAlpnForVersion2AndAuto() throws Exception {
        for (HttpVersionChoice version : List.of(HttpVersionChoice.HTTP_2, HttpVersionChoice.AUTO)) {
            try (EngineHarness harness = new EngineHarness(oneLoop())) {
                var started = harness.start(job("tls-" + version.flagValue(), 20, 100, RequestSpec.get("/ok", ""),
                        "https://127.0.0.1:" + h2.port(), 2_000, version), 20);

                JobResult result = started.awaitResult(Duration.ofSeconds(15));

                assertThat(result.stats().outcomes().ok()).as(version.flagValue()).isEqualTo(20);
                assertThat(result.stats().protocols()).isEqualTo(Map.of("HTTP/2", Map.of(200, 20L)));
            }
        }
        assertThat(h2.received()).hasSize(40);
    }

    @Test
    void carriesManyStreamsOnOneConnection() throws Exception {
        try (EngineHarness harness = new EngineHarness(oneLoop())) {
            int before = h2c.connectionsAccepted();
            // 50 requests within 50 ms, each answered after 500 ms: all of them are open at once.
            var started = harness.start(job("many", 50, 1_000, RequestSpec.get("/delay/500", ""), h2cUrl(), 5_000,
                    HttpVersionChoice.HTTP_2), 20);

            JobResult result = started.awaitResult(Duration.ofSeconds(15));

            assertThat(result.stats().outcomes().ok()).isEqualTo(50);
            assertThat(h2c.connectionsAccepted() - before).isEqualTo(1);
            assertThat(h2c.mostStreamsOpen()).isEqualTo(50);
        }
    }

    @Test
    void dropsWhatExceedsTheServersStreamLimitAndOurs() throws Exception {
        try (LoopbackHttp2Server four = LoopbackHttp2Server.start(4)) {
            // One connection allowed; the server allows 4 streams: 4 go out, the other 16 are dropped, never late.
            JobResult byServer = burst(oneLoop().withMaxConnectionsPerTarget(1), "http://127.0.0.1:" + four.port());
            assertThat(byServer.stats().outcomes()).isEqualTo(new OutcomeCounts(4, 0, 0, 0, 0, 0, 16));
            assertThat(four.mostStreamsOpen()).isEqualTo(4);
            assertThat(four.received()).hasSize(4);
        }
        JobResult byUs = burst(oneLoop().withMaxConnectionsPerTarget(1).withMaxStreamsPerConnection(3), h2cUrl());
        assertThat(byUs.stats().outcomes()).isEqualTo(new OutcomeCounts(3, 0, 0, 0, 0, 0, 17));
        assertThat(byUs.stats().sendLag().count()).isEqualTo(3);
        assertThat(h2c.mostStreamsOpen()).isEqualTo(3);
    }

    private static JobResult burst(EngineSettings settings, String target) throws Exception {
        try (EngineHarness harness = new EngineHarness(settings)) {
            return harness.start(job("burst", 20, 1_000, RequestSpec.get("/delay/500", ""), target, 5_000,
                    HttpVersionChoice.HTTP_2), 20).awaitResult(Duration.ofSeconds(15));
        }
    }

    @Test
    void classifiesStreamResetsAndKeepsTheConnection() throws Exception {
        try (EngineHarness harness = new EngineHarness(oneLoop())) {
            int before = h2c.connectionsAccepted();
            JobResult reset = h2c(harness, "reset", 3, "/reset", 2_000);
            JobResult after = h2c(harness, "after-reset", 3, "/ok", 2_000);

            assertThat(reset.stats().outcomes()).isEqualTo(new OutcomeCounts(0, 0, 0, 0, 0, 3, 0));
            assertThat(after.stats().outcomes().ok()).isEqualTo(3);
            assertThat(h2c.connectionsAccepted() - before).isEqualTo(1);
        }
    }

    @Test
    void classifiesWhatAGoawayLeavesUnprocessedAndMovesOnToANewConnection() throws Exception {
        try (EngineHarness harness = new EngineHarness(oneLoop())) {
            int before = h2c.connectionsAccepted();
            var slow = harness.start(job("before-goaway", 1, 10, RequestSpec.get("/delay/400", ""), h2cUrl(), 3_000,
                    HttpVersionChoice.HTTP_2), 20);
            var goaway = harness.start(job("goaway", 1, 10, RequestSpec.get("/goaway", ""), h2cUrl(), 3_000,
                    HttpVersionChoice.HTTP_2), 200);

            // The stream before the GOAWAY's last one completes; the GOAWAY's own stream was never processed.
            assertThat(slow.awaitResult(Duration.ofSeconds(10)).stats().outcomes().ok()).isEqualTo(1);
            assertThat(goaway.awaitResult(Duration.ofSeconds(10)).stats().outcomes())
                    .isEqualTo(new OutcomeCounts(0, 0, 0, 0, 0, 1, 0));
            JobResult next = h2c(harness, "after-goaway", 2, "/ok", 2_000);
            assertThat(next.stats().outcomes().ok()).isEqualTo(2);
            assertThat(h2c.connectionsAccepted() - before).isEqualTo(2);
        }
    }

    @Test
    void resetsTheStreamOfATimedOutRequestAndKeepsTheConnection() throws Exception {
        try (EngineHarness harness = new EngineHarness(oneLoop())) {
            int before = h2c.connectionsAccepted();
            JobResult hung = h2c(harness, "hang", 4, "/hang", 300);
            JobResult after = h2c(harness, "after-hang", 2, "/ok", 2_000);

            assertThat(hung.stats().outcomes().timeout()).isEqualTo(4);
            assertThat(hung.stats().latency().minMicros()).isGreaterThanOrEqualTo(290_000);
            assertThat(after.stats().outcomes().ok()).isEqualTo(2);
            assertThat(h2c.resetsByClient()).isEqualTo(4);
            assertThat(h2c.connectionsAccepted() - before).isEqualTo(1);
        }
    }

    @Test
    void sendsBodiesAndHeadersAndFollowsRedirectsOverH2() throws Exception {
        try (EngineHarness harness = new EngineHarness(oneLoop())) {
            var spec = new RequestSpec("POST", "/redirect/307", "to=/ok", Map.of("X-Imager-Run", List.of("true"),
                    "Connection", List.of("keep-alive"), "Content-Type", List.of("application/json")), "{\"qty\":3}");
            JobResult result = harness.start(job("post", 2, 100, spec, h2cUrl(), 2_000, HttpVersionChoice.HTTP_2), 20)
                    .awaitResult(Duration.ofSeconds(10));

            assertThat(result.stats().outcomes().ok()).isEqualTo(2);
            assertThat(result.stats().protocols()).isEqualTo(Map.of("HTTP/2", Map.of(307, 2L, 200, 2L)));
            assertThat(h2c.received()).hasSize(4).allSatisfy(r -> {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.body()).isEqualTo("{\"qty\":3}");
                assertThat(r.headers()).containsEntry("x-imager-run", "true").containsEntry("content-length", "9")
                        .containsEntry("content-type", "application/json").doesNotContainKey("connection");
            });
            assertThat(h2c.received()).extracting(LoopbackHttp2Server.Received::path)
                    .containsExactlyInAnyOrder("/redirect/307?to=/ok", "/redirect/307?to=/ok", "/ok", "/ok");
        }
    }
}
