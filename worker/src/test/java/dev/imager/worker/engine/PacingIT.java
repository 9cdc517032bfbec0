package dev.imager.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.protocol.EpochClock;
import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.message.RequestSpec;
import dev.imager.worker.testing.LoopbackHttpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@link Pacer} on one event loop shared by several jobs: clustered instants (closer than the coalescing
 * window) and a job whose first instant comes before the one the loop's timer is armed for.
 */
class PacingIT {

    private static LoopbackHttpServer server;
    private static EngineHarness harness;

    @BeforeAll
    static void start() {
        server = LoopbackHttpServer.start();
        // One loop: every job's lane shares its pacer.
        harness = new EngineHarness(EngineSettings.defaults().withEventLoops(1)
                .withConnectTimeout(Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() {
        harness.close();
        server.close();
    }

    @Test
    void neverSendsARequestBeforeItsPlannedInstantAndWakesForAnEarlierJob() throws Exception {
        // Clusters of 4 requests 20 µs apart (inside the window), clusters 3 ms apart; a second job starts sooner.
        Job late = clustered("late", 60, 4, 20, 3_000);
        Job early = clustered("early", 60, 4, 20, 3_000);
        var lateRun = harness.start(late, 1_000);
        var earlyRun = harness.start(early, 100);

        JobResult earlyResult = earlyRun.awaitResult(Duration.ofSeconds(15));
        JobResult lateResult = lateRun.awaitResult(Duration.ofSeconds(15));

        for (JobResult result : List.of(earlyResult, lateResult)) {
            assertThat(result.stats().outcomes()).isEqualTo(new OutcomeCounts(60, 0, 0, 0, 0, 0, 0));
            assertThat(result.stats().sendLag().count()).isEqualTo(60);
        }
        Map<String, Long> arrivals = new HashMap<>();
        for (LoopbackHttpServer.Received r : server.received()) {
            arrivals.put(r.uri(), r.arrivalNanos());
        }
        assertThat(arrivals).hasSize(120);
        for (var pair : List.of(Map.entry(late, lateRun), Map.entry(early, earlyRun))) {
            Job job = pair.getKey();
            for (int i = 0; i < job.size(); i++) {
                long planned = pair.getValue().startNanos() + job.offsetMicros(i) * 1_000L;
                Long arrived = arrivals.get(uri(job.jobId(), i));
                assertThat(arrived).as("request %d of %s", i, job.jobId()).isNotNull();
                // The server reads a request after it was written: an arrival before the plan is an early send.
                assertThat(arrived).as("arrival of request %d of %s", i, job.jobId()).isGreaterThanOrEqualTo(planned);
            }
        }
        // The earlier job did not wait for the wake-up armed for the later one (900 ms after its own start).
        assertThat(arrivals.get(uri("early", 0))).isLessThan(lateRun.startNanos());
    }

    private static Job clustered(String jobId, int n, int perCluster, long apartMicros, long clusterMicros) {
        long[] offsets = new long[n];
        List<RequestSpec> specs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            offsets[i] = (i / perCluster) * clusterMicros + (i % perCluster) * apartMicros;
            specs.add(RequestSpec.get("/ok", "job=" + jobId + "&i=" + i));
        }
        return new Job("run-test", 0, jobId, EpochClock.SYSTEM.nowNanos(), offsets, specs,
                List.of(server.baseUrl()), 5_000);
    }

    private static String uri(String jobId, int i) {
        return "/ok?job=" + jobId + "&i=" + i;
    }
}
