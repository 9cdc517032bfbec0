package dev.imager.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imager.protocol.message.HttpVersionChoice;
import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.message.RequestSpec;
import dev.imager.protocol.message.UsersJob;
import dev.imager.worker.testing.LoopbackHttpServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine's closed model against a real loopback HTTP server: users, think time, span, timeouts, cancel. */
class HttpEngineUsersIT {

    private static LoopbackHttpServer server;
    private static EngineHarness harness;

    @BeforeAll
    static void start() {
        server = LoopbackHttpServer.start();
        harness = new EngineHarness();
    }

    @AfterAll
    static void stop() {
        harness.close();
        server.close();
    }

    @BeforeEach
    void clear() {
        server.received().clear();
        server.unstall();
    }

    private static UsersJob job(String id, int users, long spanMillis, long thinkMillis, String path,
            long timeoutMillis) {
        return new UsersJob("run", 0, id, System.currentTimeMillis() * 1_000_000L, spanMillis * 1_000, users,
                thinkMillis * 1_000, List.of(RequestSpec.get(path, "")), List.of(server.baseUrl()), timeoutMillis,
                HttpVersionChoice.HTTP_1_1, 0);
    }

    @Test
    void eachUserWaitsForItsResponseAndNoneStartsAfterTheSpan() throws Exception {
        // 4 users, 100 ms responses, no think time, for 1 s: each user has one request in flight at a time
        var started = harness.start(job("serial", 4, 1_000, 0, "/delay/100", 2_000), 50);

        JobResult result = started.awaitResult(Duration.ofSeconds(15));

        long sent = server.received().size();
        assertThat(result.done()).isTrue();
        assertThat(result.stats().outcomes()).isEqualTo(new OutcomeCounts(sent, 0, 0, 0, 0, 0, 0));
        // at least one each; at most one per 100 ms response per user, plus the one started just before the end
        assertThat(sent).isBetween(4L, 4L * 11);
        long spanEnd = started.startNanos() + 1_000_000_000L;
        // a request started before the span's end reaches the server moments later, never a round-trip later
        assertThat(server.received()).allSatisfy(r -> assertThat(r.arrivalNanos()).isLessThan(spanEnd + 90_000_000L));
        assertThat(result.stats().latency().count()).isEqualTo(sent);
        assertThat(result.stats().latency().valueAtPercentileMicros(50)).isGreaterThanOrEqualTo(100_000);
    }

    @Test
    void thinkTimeSpacesAUsersRequests() throws Exception {
        // 2 users, 300 ms of thinking after each immediate response, for 1 s: at most 4 requests each
        var started = harness.start(job("think", 2, 1_000, 300, "/ok", 2_000), 50);

        JobResult result = started.awaitResult(Duration.ofSeconds(15));

        long sent = server.received().size();
        assertThat(result.stats().outcomes().ok()).isEqualTo(sent);
        assertThat(sent).isBetween(2L, 8L);
    }

    @Test
    void aTimedOutRequestEndsItsWaitAndTheUserGoesOn() throws Exception {
        // responses take 2 s, the timeout is 200 ms: each user times out, then tries again, within 700 ms
        var started = harness.start(job("timeouts", 2, 700, 0, "/delay/2000", 200), 50);

        JobResult result = started.awaitResult(Duration.ofSeconds(15));

        OutcomeCounts o = result.stats().outcomes();
        assertThat(o.timeout()).isEqualTo(o.total());
        // 2 users, a 200 ms timeout, 700 ms: 2 to 4 requests each
        assertThat(o.timeout()).isBetween(2L, 8L);
        assertThat(result.stats().latency().valueAtPercentileMicros(50)).isBetween(200_000L, 400_000L);
    }

    @Test
    void cancelStopsThinkingUsersAtOnce() throws Exception {
        // 3 users thinking 20 s after each response, over a 60 s span: cancelled, they stop without waiting
        var started = harness.start(job("cancel", 3, 60_000, 20_000, "/ok", 2_000), 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.received().size() == 3);

        started.run().cancel();
        JobResult result = started.awaitResult(Duration.ofSeconds(5));

        assertThat(result.done()).isTrue();
        assertThat(result.stats().outcomes()).isEqualTo(new OutcomeCounts(3, 0, 0, 0, 0, 0, 0));
    }
}
