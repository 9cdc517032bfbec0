package dev.imager.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.protocol.message.HttpVersionChoice;
import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.message.RequestSpec;
import dev.imager.worker.metrics.WorkerMetrics;
import dev.imager.worker.testing.Jobs;
import dev.imager.worker.testing.LoopbackHttpServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Redirects followed on the event loop, as Go's client follows them, against real loopback servers. */
class HttpEngineRedirectIT {

    private static LoopbackHttpServer server;
    private static LoopbackHttpServer other;
    private static EngineHarness harness;

    @BeforeAll
    static void start() {
        server = LoopbackHttpServer.start();
        other = LoopbackHttpServer.start();
        harness = new EngineHarness();
    }

    @AfterAll
    static void stop() {
        harness.close();
        server.close();
        other.close();
    }

    @BeforeEach
    void clear() {
        server.received().clear();
        other.received().clear();
    }

    private static String to(String location) {
        return "to=" + URLEncoder.encode(location, StandardCharsets.UTF_8);
    }

    private static JobResult run(EngineHarness on, RequestSpec spec, int n, int maxRedirects, long timeoutMillis)
            throws Exception {
        var job = Jobs.withClient(Jobs.uniform("redirect", n, 100, spec, server.baseUrl(), timeoutMillis, 0),
                HttpVersionChoice.HTTP_1_1, maxRedirects);
        return on.start(job, 20).awaitResult(Duration.ofSeconds(15));
    }

    @Test
    void turnsPostIntoGetOn303AndCountsBothResponses() throws Exception {
        var spec = new RequestSpec("POST", "/redirect/303", to("/ok?from=303"), Map.of(), "{\"qty\":1}");

        JobResult result = run(harness, spec, 5, 10, 2_000);

        assertThat(result.stats().outcomes()).isEqualTo(new OutcomeCounts(5, 0, 0, 0, 0, 0, 0));
        assertThat(result.stats().statusCodes()).isEqualTo(Map.of(303, 5L, 200, 5L));
        assertThat(result.stats().protocols()).isEqualTo(Map.of("HTTP/1.1", Map.of(303, 5L, 200, 5L)));
        // One latency, one service time and one send lag per planned request, however many hops it took.
        assertThat(result.stats().latency().count()).isEqualTo(5);
        assertThat(result.stats().serviceTime().count()).isEqualTo(5);
        assertThat(result.stats().sendLag().count()).isEqualTo(5);
        assertThat(server.received()).hasSize(10);
        var followed = server.received().stream().filter(r -> r.uri().equals("/ok?from=303")).toList();
        assertThat(followed).hasSize(5).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.body()).isEmpty();
            assertThat(r.headers()).containsEntry("Referer", server.baseUrl() + "/redirect/303?" + to("/ok?from=303"));
        });
    }

    @Test
    void repeatsMethodAndBodyOn307() throws Exception {
        var spec = new RequestSpec("PUT", "/redirect/307", to("/ok"), Map.of(), "{\"qty\":2}");

        JobResult result = run(harness, spec, 3, 10, 2_000);

        assertThat(result.stats().outcomes().ok()).isEqualTo(3);
        var followed = server.received().stream().filter(r -> r.uri().equals("/ok")).toList();
        assertThat(followed).hasSize(3).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("PUT");
            assertThat(r.body()).isEqualTo("{\"qty\":2}");
        });
    }

    @Test
    void followsToAnotherAuthorityWithItsOwnHostAndWithoutCredentials() throws Exception {
        String elsewhere = "http://localhost:" + other.port() + "/landing";
        var spec = new RequestSpec("GET", "/redirect/302", to(elsewhere), Map.of("Authorization", List.of("Bearer t"),
                "X-Trace", List.of("7")), "");

        JobResult result = run(harness, spec, 4, 10, 2_000);

        assertThat(result.stats().outcomes().ok()).isEqualTo(4);
        assertThat(other.received()).hasSize(4).allSatisfy(r -> {
            assertThat(r.uri()).isEqualTo("/landing");
            assertThat(r.headers()).containsEntry("Host", "localhost:" + other.port()).containsEntry("X-Trace", "7")
                    .doesNotContainKey("Authorization");
        });
    }

    @Test
    void failsARequestThatRedirectsOnceTooOften() throws Exception {
        JobResult result = run(harness, RequestSpec.get("/loop", ""), 3, 10, 5_000);

        // Go's client: the 11th redirect response ends the request with an error; nothing ends in a 3xx as ok.
        assertThat(result.stats().outcomes()).isEqualTo(new OutcomeCounts(0, 0, 0, 0, 0, 3, 0));
        assertThat(result.stats().statusCodes()).isEqualTo(Map.of(302, 33L));
        assertThat(server.received()).hasSize(33);
    }

    @Test
    void countsAFinal3xxAsAFailureWhenFollowingAndAsOkWhenNot() throws Exception {
        JobResult noLocation = run(harness, RequestSpec.get("/redirect/302", ""), 2, 10, 2_000);
        JobResult notModified = run(harness, RequestSpec.get("/status/304", ""), 2, 10, 2_000);
        JobResult notFollowing = run(harness, RequestSpec.get("/redirect/301", to("/ok")), 2, 0, 2_000);

        assertThat(noLocation.stats().outcomes().otherError()).isEqualTo(2);
        assertThat(noLocation.stats().statusCodes()).isEqualTo(Map.of(302, 2L));
        assertThat(notModified.stats().outcomes().otherError()).isEqualTo(2);
        assertThat(notFollowing.stats().outcomes().ok()).isEqualTo(2);
        assertThat(notFollowing.stats().statusCodes()).isEqualTo(Map.of(301, 2L));
        assertThat(server.received()).hasSize(6).noneMatch(r -> r.uri().equals("/ok"));
    }

    @Test
    void failsARedirectTheTargetPolicyRefusesWithoutSendingIt() throws Exception {
        TargetPolicy onlyTheFirst = t -> t.port() == server.port();
        try (EngineHarness guarded = new EngineHarness(EngineSettings.defaults().withEventLoops(1), onlyTheFirst)) {
            var spec = RequestSpec.get("/redirect/302", to("http://127.0.0.1:" + other.port() + "/"));

            JobResult result = run(guarded, spec, 3, 10, 2_000);

            assertThat(result.stats().outcomes().otherError()).isEqualTo(3);
            assertThat(result.stats().statusCodes()).isEqualTo(Map.of(302, 3L));
            assertThat(other.received()).isEmpty();
        }
    }

    @Test
    void measuresLatencyFromThePlanToTheFinalResponseAndTimesOutAcrossHops() throws Exception {
        JobResult slow = run(harness, RequestSpec.get("/redirect/302", to("/delay/300")), 2, 10, 2_000);
        JobResult hung = run(harness, RequestSpec.get("/redirect/307", to("/hang")), 2, 10, 400);

        assertThat(slow.stats().outcomes().ok()).isEqualTo(2);
        assertThat(slow.stats().latency().minMicros()).isGreaterThanOrEqualTo(300_000);
        assertThat(slow.stats().serviceTime().minMicros()).isGreaterThanOrEqualTo(300_000);
        assertThat(hung.stats().outcomes().timeout()).isEqualTo(2);
        assertThat(hung.stats().statusCodes()).isEqualTo(Map.of(307, 2L));
        assertThat(hung.stats().latency().minMicros()).isGreaterThanOrEqualTo(390_000);
    }

    @Test
    void aRedirectWithoutAFreeConnectionFailsRatherThanWaits() throws Exception {
        // One connection per target: a hanging request holds the only one to the other server, so the redirect's
        // next request finds none. It was sent once already, so it fails (it is not "dropped"). One request, sent
        // once the hang holds the connection: two would share the first server's only connection too.
        EngineSettings one = EngineSettings.defaults().withEventLoops(1).withMaxConnectionsPerTarget(1);
        try (EngineHarness single = new EngineHarness(one, TargetPolicy.ANY)) {
            var hang = single.start(Jobs.withClient(Jobs.uniform("hang", 1, 10, RequestSpec.get("/hang", ""),
                    other.baseUrl(), 2_000, 0), HttpVersionChoice.HTTP_1_1, 10), 0);
            var spec = RequestSpec.get("/redirect/302", to(other.baseUrl() + "/ok"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> other.received().size() == 1);

            JobResult result = run(single, spec, 1, 10, 1_000);

            assertThat(result.stats().outcomes()).isEqualTo(new OutcomeCounts(0, 0, 0, 0, 0, 1, 0));
            assertThat(result.stats().statusCodes()).isEqualTo(Map.of(302, 1L));
            assertThat(hang.awaitResult(Duration.ofSeconds(10)).stats().outcomes().timeout()).isEqualTo(1);
            assertThat(other.received()).extracting(LoopbackHttpServer.Received::uri).containsExactly("/hang");
        }
    }
}
