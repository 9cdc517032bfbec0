package dev.imager.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.ledger.CompletedRound;
import dev.imager.coordinator.load.AdaptiveProbe;
import dev.imager.coordinator.registry.WorkerEvent;
import dev.imager.coordinator.registry.WorkerLiveness;
import dev.imager.coordinator.testing.Configs;
import dev.imager.coordinator.testing.RecordingListener;
import dev.imager.coordinator.testing.WorkerProcess;
import dev.imager.protocol.testing.NatsTestServer;
import dev.imager.sumservice.Route;
import dev.imager.sumservice.SumServer;
import dev.imager.sumservice.SumServiceConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The distributed mode end to end: a coordinator in this JVM, workers as real processes, a real nats-server
 * and sumservice on loopback.
 */
class CoordinatorIT {

    private static NatsTestServer nats;
    private static SumServer target;
    private final List<WorkerProcess> workers = new ArrayList<>();
    private final String prefix = "it" + UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    static void start() throws Exception {
        nats = NatsTestServer.start();
        target = SumServer.start(SumServiceConfig.defaults().withHost("127.0.0.1").withPort(0));
    }

    @AfterAll
    static void stop() {
        target.close();
        nats.close();
    }

    @AfterEach
    void stopWorkers() throws Exception {
        for (WorkerProcess w : workers) {
            w.close();
        }
    }

    private WorkerProcess worker(String id) throws Exception {
        WorkerProcess w = WorkerProcess.start(id, nats.url(), "--subject-prefix", prefix, "--heartbeat-interval", "200ms");
        workers.add(w);
        return w;
    }

    private List<String> flags(String... more) {
        List<String> flags = new ArrayList<>(List.of("--nats-url", nats.url(), "--subject-prefix", prefix,
                "-target-mode", "url", "-target-url", "http://127.0.0.1:" + target.port(),
                "-request-source-type", "random-sum", "-listen-port", "0", "--worker-wait-timeout", "60s"));
        flags.addAll(List.of(more));
        return flags;
    }

    @Test
    void aStepRunSendsExactlyThePlannedTotal() throws Exception {
        worker("step-a");
        worker("step-b");
        RecordingListener listener = new RecordingListener();
        long before = target.metrics().requestCount(Route.SUM, 200);

        FinishedRun finished = Coordinator.run(Configs.parse(flags("-load-calculator", "step", "-min-rps", "10",
                "-max-rps", "50", "-step-rps", "10", "--duration", "5s", "--min-workers", "2").toArray(String[]::new)),
                RunOptions.defaults().withListener(listener), new RunControl());

        assertThat(finished.endReason()).isEqualTo("duration reached");
        assertThat(listener.rounds).extracting(CompletedRound::planned).containsExactly(10L, 20L, 30L, 40L, 50L);
        assertThat(finished.totals().planned()).isEqualTo(150);
        assertThat(finished.totals().stats().outcomes().ok()).isEqualTo(150);
        assertThat(finished.totals().lost()).isZero();
        assertThat(target.metrics().requestCount(Route.SUM, 200) - before).isEqualTo(150);
        assertThat(finished.peakWorkers()).isEqualTo(2);
    }

    @Test
    void aStagesRunFollowsTheShapeToItsEndAcrossWorkerProcesses() throws Exception {
        worker("stages-a");
        worker("stages-b");
        RecordingListener listener = new RecordingListener();
        long before = target.metrics().requestCount(Route.SUM, 200);

        // a jump to 20 held 1 s, 2 s up to 60, 1 s down to nothing: 20 + (30 + 50) + 30 requests, no --duration
        FinishedRun finished = Coordinator.run(Configs.parse(flags("--stages", "0s:20,1s:20,2s:60,1s:0",
                "--min-workers", "2").toArray(String[]::new)), RunOptions.defaults().withListener(listener),
                new RunControl());

        assertThat(finished.endReason()).isEqualTo("load shape ended");
        assertThat(listener.rounds).extracting(CompletedRound::planned).containsExactly(20L, 30L, 50L, 30L);
        assertThat(finished.totals().stats().outcomes().ok()).as("%s", finished.totals()).isEqualTo(130);
        assertThat(finished.totals().lost()).isZero();
        assertThat(target.metrics().requestCount(Route.SUM, 200) - before).isEqualTo(130);
    }

    @Test
    void aKilledWorkerIsDetectedItsUnfinishedRequestsAreLostAndTheOthersCarryTheRate() throws Exception {
        WorkerProcess victim = worker("kill-a");
        worker("kill-b");
        CompletableFuture<Void> killed = new CompletableFuture<>();
        RecordingListener listener = new RecordingListener((round, status) -> {
            if (round.round() == 1 && !killed.isDone()) {
                // Kill mid-run, off the control thread: round 2's jobs are running on both workers now.
                CompletableFuture.runAsync(() -> {
                    try {
                        victim.kill();
                        killed.complete(null);
                    } catch (InterruptedException e) {
                        killed.completeExceptionally(e);
                    }
                });
            }
        });

        FinishedRun finished = Coordinator.run(Configs.parse(flags("-load-calculator", "step", "-min-rps", "100",
                "-max-rps", "100", "--duration", "9s", "--min-workers", "2", "--max-job-size", "10")
                .toArray(String[]::new)), RunOptions.defaults().withListener(listener), new RunControl());

        assertThat(killed).isCompleted();
        assertThat(listener.workerEvents).contains(new WorkerEvent("kill-a", WorkerLiveness.MISSING, WorkerLiveness.GONE));
        assertThat(finished.totals().planned()).isEqualTo(900);
        assertThat(finished.totals().lost()).as("requests the killed worker never reported").isPositive();
        assertThat(finished.totals().stats().outcomes().ok() + finished.totals().lost()).isEqualTo(900);
        // Once it is gone, the surviving worker carries the whole rate.
        List<CompletedRound> last = listener.rounds.subList(6, 9);
        assertThat(last).allSatisfy(r -> {
            assertThat(r.stats().outcomes().ok()).isEqualTo(100);
            assertThat(r.lost()).isZero();
        });
    }

    @Test
    void theAdaptiveSearchFindsTheCapacityOfASimulatedTarget() throws Exception {
        // 4 requests at a time, 20 ms each: exactly 200 rps; above it the queue, and p99, grow without bound.
        try (SumServer limited = SumServer.start(SumServiceConfig.defaults().withHost("127.0.0.1").withPort(0)
                .withSimulation(4, 20))) {
            worker("adaptive-a");
            RunControl control = new RunControl();
            RecordingListener listener = new RecordingListener((round, status) -> {
                long steadyRounds = status.phase().equals("steady") ? 1 : 0;
                if (steadyRounds > 0 && status.capacityRps() != null && round.round() > 0) {
                    control.stop("capacity found");
                }
            });
            // A 100 ms p99 limit: 20 ms of service plus room for this shared machine's noise. Above 200 rps the
            // queue grows by (rate - 200) requests a second, so 220 rps already waits ~100 ms within one round.
            List<String> flags = flags("-load-calculator", "adaptive-exponential", "-min-rps", "100", "-max-rps", "800",
                    "-adaptive-max-latency-ms", "100", "--duration", "120s", "--warmup", "3s");
            flags.set(flags.indexOf("-target-url") + 1, "http://127.0.0.1:" + limited.port());

            FinishedRun finished = Coordinator.run(Configs.parse(flags.toArray(String[]::new)),
                    RunOptions.defaults().withListener(listener), control);

            assertThat(finished.endReason()).isEqualTo("capacity found");
            assertThat(finished.capacity()).isPresent();
            assertThat(finished.capacity().getAsDouble()).as(finished.capacityNote()).isBetween(180.0, 220.0);
            assertThat(finished.probes()).isNotEmpty();
            // Listeners heard every probe once, in order, as it was made, placed after the 3 warm-up rounds.
            assertThat(listener.probes).isNotEmpty();
            assertThat(finished.probes()).startsWith(listener.probes.toArray(AdaptiveProbe[]::new));
            for (int i = 0; i < listener.probes.size(); i++) {
                assertThat(listener.probeStarts.get(i)).isEqualTo(listener.probes.get(i).round() + 3.0);
            }
        }
    }
}
