package dev.imager.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.message.RequestSpec;
import dev.imager.protocol.process.ImagerVersion;
import dev.imager.worker.testing.Jobs;
import dev.imager.worker.testing.LoopbackHttpServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine against a real loopback HTTP server: pacing, accounting, classification. */
class HttpEngineIT {

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

    @Test
    void sendsExactlyThePlannedRequestsAtThePlannedInstants() throws Exception {
        int rps = 300;
        int seconds = 3;
        var job = Jobs.uniform("exact", rps * seconds, rps, RequestSpec.get("/ok", ""), server.baseUrl(), 2_000, 0);
        var started = harness.start(job, 200);

        JobResult result = started.awaitResult(Duration.ofSeconds(15));

        assertThat(result.done()).isTrue();
        assertThat(result.stats().outcomes()).isEqualTo(new OutcomeCounts(rps * seconds, 0, 0, 0, 0, 0, 0));
        assertThat(result.stats().statusCodes()).isEqualTo(Map.of(200, (long) rps * seconds));
        List<LoopbackHttpServer.Received> arrivals = server.received();
        assertThat(arrivals).hasSize(rps * seconds);
        // Per-second arrival counts, measured by the server on the same monotonic clock, match the plan.
        int[] perSecond = new int[seconds + 1];
        for (LoopbackHttpServer.Received r : arrivals) {
            long sinceStart = r.arrivalNanos() - started.startNanos();
            perSecond[(int) Math.min(seconds, Math.max(0, sinceStart / 1_000_000_000L))]++;
        }
        for (int s = 0; s < seconds; s++) {
            assertThat(perSecond[s]).as("arrivals in second %d", s).isBetween(rps - rps / 100, rps + rps / 100);
        }
        assertThat(result.stats().latency().count()).isEqualTo(rps * seconds);
        assertThat(result.stats().sendLag().count()).isEqualTo(rps * seconds);
        // Generous bound for a noisy 2-core machine; the benchmark measures the real figure.
        assertThat(result.stats().sendLag().valueAtPercentileMicros(50)).isLessThan(5_000);
    }

    @Test
    void aGatheringThatTimesOutLosesNothing() throws Exception {
        var job = Jobs.uniform("held", 40, 400, RequestSpec.get("/ok", ""), server.baseUrl(), 2_000, 0);
        var started = harness.start(job, 50);
        started.finished().get(15, TimeUnit.SECONDS);
        List<RequestLane> lanes = started.run().lanes();
        assertThat(lanes).hasSize(2);
        // The last lane's loop is held: the first lane hands over, the last does not in time.
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(1);
        lanes.get(1).context().loop().execute(() -> {
            held.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            assertThatThrownBy(() -> started.run().collect(Duration.ofMillis(100), false))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("in time");
        } finally {
            release.countDown();
        }

        JobResult result = started.run().collect(Duration.ofSeconds(10), false);

        assertThat(result.done()).isTrue();
        assertThat(result.seq()).as("the timed-out call published nothing").isZero();
        assertThat(result.stats().outcomes()).isEqualTo(new OutcomeCounts(40, 0, 0, 0, 0, 0, 0));
        assertThat(result.stats().latency().count()).isEqualTo(40);
        assertThat(started.run().collect(Duration.ofSeconds(1), false)).as("after the final delta").isNull();
    }

    @Test
    void recyclesResultRecordersFromJobToJobWithoutMixingTheirResults() throws Exception {
        var first = harness.start(Jobs.uniform("first", 60, 600, RequestSpec.get("/ok", ""), server.baseUrl(), 2_000, 0),
                50);
        JobResult early = first.run().collect(Duration.ofSeconds(10), false);
        first.finished().get(15, TimeUnit.SECONDS);
        JobResult last = first.run().collect(Duration.ofSeconds(10), false);
        assertThat(last.done()).isTrue();
        long firstOk = early.stats().outcomes().ok() + last.stats().outcomes().ok();
        assertThat(firstOk).isEqualTo(60);
        assertThat(early.stats().latency().count() + last.stats().latency().count()).isEqualTo(60);
        List<RequestLane> lanes = first.run().lanes();
        RecorderPool pool = lanes.get(0).context().recorders();
        // The retirement runs on the loop after the final hand-over: wait for the loop to have done it.
        await(lanes.get(0).context().loop().submit(() -> { }));
        int kept = pool.spares();
        assertThat(kept).as("recorders given back by the finished job's lane").isGreaterThanOrEqualTo(2);

        var second = harness.start(Jobs.uniform("second", 40, 400, RequestSpec.get("/ok", ""), server.baseUrl(), 2_000, 0),
                50);
        assertThat(pool.spares()).as("the next job's lane took a kept recorder").isLessThan(kept);
        JobResult result = second.awaitResult(Duration.ofSeconds(15));

        assertThat(result.done()).isTrue();
        assertThat(result.stats().outcomes()).isEqualTo(new OutcomeCounts(40, 0, 0, 0, 0, 0, 0));
        assertThat(result.stats().statusCodes()).isEqualTo(Map.of(200, 40L));
        assertThat(result.stats().latency().count()).isEqualTo(40);
        assertThat(result.stats().serviceTime().count()).isEqualTo(40);
        assertThat(result.stats().sendLag().count()).isEqualTo(40);
    }

    private static void await(Future<?> done) throws Exception {
        done.get(10, TimeUnit.SECONDS);
    }

    @Test
    void correctsForCoordinatedOmissionWhenTheGeneratorStalls() throws Exception {
        // 10 ms-spaced stream for 3 s; the event loops are blocked for 1 s in the middle. Requests planned in
        // that second go out late: their latency from the plan shows the stall, their service time does not.
        EngineSettings one = EngineSettings.defaults().withEventLoops(1);
        try (EngineHarness single = new EngineHarness(one)) {
            var job = Jobs.uniform("co", 300, 100, RequestSpec.get("/ok", ""), server.baseUrl(), 5_000, 0);
            var started = single.start(job, 100);
            CountDownLatch blocked = new CountDownLatch(1);
            started.run().lanes().get(0).context().loop().schedule(() -> {
                blocked.countDown();
                long until = System.nanoTime() + 1_000_000_000L;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait(); // a generator stall, as a GC pause would be
                }
            }, 1_100, TimeUnit.MILLISECONDS);

            JobResult result = started.awaitResult(Duration.ofSeconds(15));

            assertThat(blocked.getCount()).isZero();
            assertThat(result.stats().outcomes().ok()).isEqualTo(300);
            assertThat(result.stats().latency().valueAtPercentileMicros(99)).isGreaterThan(800_000);
            assertThat(result.stats().sendLag().valueAtPercentileMicros(99)).isGreaterThan(800_000);
            // The stall is in the generator, not the target: it shows in the latency and not in the service time (by
            // the stall's length less slack for a busy machine's scheduling, not by an absolute bound).
            assertThat(result.stats().serviceTime().valueAtPercentileMicros(99))
                    .isLessThan(result.stats().latency().valueAtPercentileMicros(99) - 600_000);
            assertThat(server.received()).hasSize(300);
        }
    }

    @Test
    void accountsForEveryRequestWhileTheTargetStalls() throws Exception {
        // 20 ms-spaced stream for 2 s; the target holds every response from 0.5 s to 1.5 s. Each request sent in
        // the stall waits for its end, so latencies spread up to 1 s; none is skipped.
        var job = Jobs.uniform("stall", 100, 50, RequestSpec.get("/ok", ""), server.baseUrl(), 5_000, 0);
        var started = harness.start(job, 100);
        var loop = started.run().lanes().get(0).context().loop();
        loop.schedule(server::stall, 600, TimeUnit.MILLISECONDS);
        loop.schedule(server::unstall, 1_600, TimeUnit.MILLISECONDS);

        JobResult result = started.awaitResult(Duration.ofSeconds(15));

        assertThat(result.stats().outcomes().ok()).isEqualTo(100);
        assertThat(result.stats().latency().count()).isEqualTo(100);
        assertThat(result.stats().latency().maxMicros()).isGreaterThan(800_000);
        assertThat(result.stats().latency().valueAtPercentileMicros(50)).isLessThan(600_000);
        assertThat(server.received()).hasSize(100);
    }

    @Test
    void dropsRatherThanSendsLateWhenNoConnectionCanBeHad() throws Exception {
        EngineSettings capped = EngineSettings.defaults().withEventLoops(1).withMaxConnectionsPerTarget(2);
        try (EngineHarness small = new EngineHarness(capped)) {
            server.stall();
            var job = Jobs.uniform("sat", 50, 100, RequestSpec.get("/ok", ""), server.baseUrl(), 5_000, 0);
            var started = small.start(job, 50);
            // Two requests hold the only two connections; the other 48 find none and are dropped.
            var loop = started.run().lanes().get(0).context().loop();
            loop.schedule(server::unstall, 800, TimeUnit.MILLISECONDS);

            JobResult result = started.awaitResult(Duration.ofSeconds(15));

            assertThat(result.stats().outcomes().ok()).isEqualTo(2);
            assertThat(result.stats().outcomes().dropped()).isEqualTo(48);
            assertThat(result.stats().outcomes().total()).isEqualTo(50);
            assertThat(server.received()).hasSize(2);
            assertThat(result.stats().sendLag().count()).isEqualTo(2);
            assertThat(result.stats().sendLag().maxMicros()).isLessThan(100_000);
        }
    }

    @Test
    void classifiesStatusesTimeoutsAndConnectionFailures() throws Exception {
        var ok = harness.start(Jobs.uniform("s200", 3, 100, RequestSpec.get("/status/204", ""), server.baseUrl(), 2_000, 0), 20);
        var notFound = harness.start(Jobs.uniform("s404", 4, 100, RequestSpec.get("/status/404", ""), server.baseUrl(), 2_000, 0), 20);
        var unavailable = harness.start(Jobs.uniform("s503", 5, 100, RequestSpec.get("/status/503", ""), server.baseUrl(), 2_000, 0), 20);
        var hang = harness.start(Jobs.uniform("hang", 2, 100, RequestSpec.get("/hang", ""), server.baseUrl(), 300, 0), 20);
        int deadPort = dev.imager.protocol.testing.NatsTestServer.freePort();
        var refused = harness.start(Jobs.uniform("refused", 3, 100, RequestSpec.get("/", ""),
                "http://127.0.0.1:" + deadPort, 2_000, 0), 20);

        assertThat(ok.awaitResult(Duration.ofSeconds(10)).stats().outcomes().ok()).isEqualTo(3);
        JobResult nf = notFound.awaitResult(Duration.ofSeconds(10));
        assertThat(nf.stats().outcomes().http4xx()).isEqualTo(4);
        assertThat(nf.stats().statusCodes()).isEqualTo(Map.of(404, 4L));
        JobResult un = unavailable.awaitResult(Duration.ofSeconds(10));
        assertThat(un.stats().outcomes().http5xx()).isEqualTo(5);
        assertThat(un.stats().statusCodes()).isEqualTo(Map.of(503, 5L));
        JobResult h = hang.awaitResult(Duration.ofSeconds(10));
        assertThat(h.stats().outcomes().timeout()).isEqualTo(2);
        // A timeout's latency is the time it was given.
        assertThat(h.stats().latency().minMicros()).isGreaterThanOrEqualTo(290_000);
        assertThat(refused.awaitResult(Duration.ofSeconds(10)).stats().outcomes().connectError()).isEqualTo(3);
    }

    @Test
    void sendsMethodBodyHeadersAndJoinsTheBasePath() throws Exception {
        var spec = new RequestSpec("POST", "/orders", "id=7&x=y", Map.of("X-Imager-Run", List.of("true"),
                "Content-Type", List.of("application/json")), "{\"qty\":3}");
        var started = harness.start(Jobs.uniform("post", 1, 10, spec, server.baseUrl() + "/api/v1/", 2_000, 0), 10);

        assertThat(started.awaitResult(Duration.ofSeconds(10)).stats().outcomes().ok()).isEqualTo(1);
        LoopbackHttpServer.Received r = server.received().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.uri()).isEqualTo("/api/v1/orders?id=7&x=y");
        assertThat(r.body()).isEqualTo("{\"qty\":3}");
        assertThat(r.headers()).containsEntry("X-Imager-Run", "true").containsEntry("Content-Type", "application/json")
                .containsEntry("Host", "127.0.0.1:" + server.port()).containsEntry("Content-Length", "9")
                .containsEntry("User-Agent", "imager/" + ImagerVersion.current());
    }

    @Test
    void reconnectsWhenTheServerClosesEachConnection() throws Exception {
        try (EngineHarness fresh = new EngineHarness()) {
            int before = server.connectionsAccepted();
            var started = fresh.start(Jobs.uniform("close", 10, 50, RequestSpec.get("/close", ""), server.baseUrl(), 2_000, 0), 20);

            assertThat(started.awaitResult(Duration.ofSeconds(10)).stats().outcomes().ok()).isEqualTo(10);
            assertThat(server.connectionsAccepted() - before).isEqualTo(10);
        }
    }

    @Test
    void reusesKeepAliveConnections() throws Exception {
        // One event loop and one request at a time: every request after the first finds the first connection idle
        // in the pool, whatever the machine's load (a batch at a fixed rate would test the scheduler's punctuality).
        try (EngineHarness single = new EngineHarness(EngineSettings.defaults().withEventLoops(1))) {
            int before = server.connectionsAccepted();
            for (int i = 0; i < 20; i++) {
                var started = single.start(Jobs.uniform("reuse-" + i, 1, 10, RequestSpec.get("/ok", ""),
                        server.baseUrl(), 2_000, 0), 5);
                assertThat(started.awaitResult(Duration.ofSeconds(10)).stats().outcomes().ok()).isEqualTo(1);
            }
            assertThat(server.connectionsAccepted() - before).isEqualTo(1);
        }
    }

    @Test
    void cancellingCountsUnsentRequestsAsDropped() throws Exception {
        var started = harness.start(Jobs.uniform("cancel", 200, 100, RequestSpec.get("/ok", ""), server.baseUrl(), 2_000, 0), 20);
        started.run().lanes().get(0).context().loop().schedule(started.run()::cancel, 500, TimeUnit.MILLISECONDS);

        JobResult result = started.awaitResult(Duration.ofSeconds(10));

        assertThat(result.stats().outcomes().total()).isEqualTo(200);
        assertThat(result.stats().outcomes().ok()).isBetween(30L, 80L);
        assertThat(result.stats().outcomes().dropped()).isEqualTo(200 - result.stats().outcomes().ok());
        assertThat(server.received()).hasSize((int) result.stats().outcomes().ok());
    }

    @Test
    void readsHeadResponsesAsBodilessAndKeepsTheConnectionInStep() throws Exception {
        try (EngineHarness single = new EngineHarness(EngineSettings.defaults().withEventLoops(1).withMaxConnectionsPerTarget(1))) {
            // One connection: a HEAD response (Content-Length: 2, no body) and then GETs on the same connection.
            var head = single.start(Jobs.uniform("head", 3, 20, new RequestSpec("HEAD", "/ok", "", null, null),
                    server.baseUrl(), 2_000, 0), 10);
            assertThat(head.awaitResult(Duration.ofSeconds(10)).stats().outcomes().ok()).isEqualTo(3);
            var get = single.start(Jobs.uniform("after-head", 3, 20, RequestSpec.get("/status/404", ""),
                    server.baseUrl(), 2_000, 0), 10);
            JobResult result = get.awaitResult(Duration.ofSeconds(10));
            assertThat(result.stats().outcomes().http4xx()).isEqualTo(3);
            assertThat(result.stats().bytesReceived()).isEqualTo(6);
        }
    }

    @Test
    void releasesATargetsPoolAndConnectionsOnceUnusedAndOpensThemAgainWhenNeeded() throws Exception {
        EngineSettings settings = EngineSettings.defaults().withEventLoops(1).withConnectTimeout(Duration.ofSeconds(2));
        try (EngineHarness releasing = new EngineHarness(settings, Duration.ofMillis(300))) {
            // Two requests 1.5 s apart: the pool is released between them, and the second still goes out.
            var sparse = releasing.start(Jobs.uniform("sparse", 2, 1 / 1.5, RequestSpec.get("/ok", ""), server.baseUrl(),
                    2_000, 0), 10);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.received().size() == 1);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> releasing.engine.pools() == 0 && releasing.engine.openConnections() == 0);

            assertThat(sparse.awaitResult(Duration.ofSeconds(10)).stats().outcomes().ok()).isEqualTo(2);
            assertThat(server.received()).hasSize(2);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> releasing.engine.pools() == 0 && releasing.engine.openConnections() == 0);
        }
    }
}
