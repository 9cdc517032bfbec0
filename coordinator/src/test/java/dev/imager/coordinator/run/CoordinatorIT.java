package dev.imager.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imager.coordinator.ledger.CompletedRound;
import dev.imager.coordinator.load.AdaptiveProbe;
import dev.imager.coordinator.registry.WorkerEvent;
import dev.imager.coordinator.registry.WorkerLiveness;
import dev.imager.coordinator.testing.BusAndTarget;
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
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The distributed mode end to end: a coordinator in this JVM, workers as real processes, a real nats-server
 * and sumservice on loopback.
 */
class CoordinatorIT {

    @RegisterExtension
    static final BusAndTarget ENV = new BusAndTarget();
    private final List<WorkerProcess> workers = new ArrayList<>();
    private final String prefix = "it" + UUID.randomUUID().toString().substring(0, 6);

    @AfterEach
    void stopWorkers() throws Exception {
        for (WorkerProcess w : workers) {
            w.close();
        }
    }

    private WorkerProcess worker(String id, String... more) throws Exception {
        return worker(id, -1, more);
    }

    private WorkerProcess worker(String id, int metricsPort, String... more) throws Exception {
        List<String> flags = new ArrayList<>(List.of("--subject-prefix", prefix));
        if (!List.of(more).contains("--heartbeat-interval")) {
            flags.addAll(List.of("--heartbeat-interval", "200ms")); // picocli refuses an option given twice
        }
        flags.addAll(List.of(more));
        WorkerProcess w = WorkerProcess.start(id, ENV.nats().url(), metricsPort, flags.toArray(String[]::new));
        workers.add(w);
        return w;
    }

    private List<String> flags(String... more) {
        List<String> flags = new ArrayList<>(List.of("--nats-url", ENV.nats().url(), "--subject-prefix", prefix,
                "-target-mode", "url", "-target-url", "http://127.0.0.1:" + ENV.target().port(),
                "-request-source-type", "random-sum", "-listen-port", "0", "--worker-wait-timeout", "60s"));
        flags.addAll(List.of(more));
        return flags;
    }

    @Test
    void aStepRunSendsExactlyThePlannedTotal() throws Exception {
        worker("step-a");
        worker("step-b");
        RecordingListener listener = new RecordingListener();
        long before = ENV.target().metrics().requestCount(Route.SUM, 200);

        FinishedRun finished = Coordinator.run(Configs.parse(flags("-load-calculator", "step", "-min-rps", "10",
                "-max-rps", "50", "-step-rps", "10", "--duration", "5s", "--min-workers", "2").toArray(String[]::new)),
                RunOptions.defaults().withListener(listener), new RunControl());

        assertThat(finished.endReason()).isEqualTo("duration reached");
        assertThat(listener.rounds).extracting(CompletedRound::planned).containsExactly(10L, 20L, 30L, 40L, 50L);
        assertThat(finished.totals().planned()).isEqualTo(150);
        assertThat(finished.totals().stats().outcomes().ok()).isEqualTo(150);
        assertThat(finished.totals().lost()).isZero();
        assertThat(ENV.target().metrics().requestCount(Route.SUM, 200) - before).isEqualTo(150);
        assertThat(finished.peakWorkers()).isEqualTo(2);
    }

    @Test
    void aStagesRunFollowsTheShapeToItsEndAcrossWorkerProcesses() throws Exception {
        worker("stages-a");
        worker("stages-b");
        RecordingListener listener = new RecordingListener();
        long before = ENV.target().metrics().requestCount(Route.SUM, 200);

        // a jump to 20 held 1 s, 2 s up to 60, 1 s down to nothing: 20 + (30 + 50) + 30 requests, no --duration
        FinishedRun finished = Coordinator.run(Configs.parse(flags("--stages", "0s:20,1s:20,2s:60,1s:0",
                "--min-workers", "2").toArray(String[]::new)), RunOptions.defaults().withListener(listener),
                new RunControl());

        assertThat(finished.endReason()).isEqualTo("load shape ended");
        assertThat(listener.rounds).extracting(CompletedRound::planned).containsExactly(20L, 30L, 50L, 30L);
        assertThat(finished.totals().stats().outcomes().ok()).as("%s", finished.totals()).isEqualTo(130);
        assertThat(finished.totals().lost()).isZero();
        assertThat(ENV.target().metrics().requestCount(Route.SUM, 200) - before).isEqualTo(130);
    }

    @Test
    void aKilledWorkerIsDetectedItsUnfinishedRequestsAreLostAndTheOthersCarryTheRate() throws Exception {
        // Beats every 500 ms: MISSING after 1.5 s of silence, GONE after 5 s; a busy machine does not fake either.
        WorkerProcess victim = worker("kill-a", NatsTestServer.freePort(), "--heartbeat-interval", "500ms");
        worker("kill-b", "--heartbeat-interval", "500ms");
        CompletableFuture<Long> killed = new CompletableFuture<>();
        AtomicBoolean striking = new AtomicBoolean();
        RecordingListener listener = new RecordingListener((round, status) -> {
            if (!round.warmup() && striking.compareAndSet(false, true)) {
                // Off the control thread: wait until the victim holds a job (its active-jobs gauge), then SIGKILL.
                CompletableFuture.runAsync(() -> {
                    try {
                        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                                .until(() -> victim.gauge("imager_worker_active_jobs") > 0);
                        long at = System.nanoTime();
                        victim.kill();
                        killed.complete(at);
                    } catch (Throwable e) {
                        killed.completeExceptionally(e);
                    }
                });
            }
        });

        FinishedRun finished = Coordinator.run(Configs.parse(flags("-load-calculator", "step", "-min-rps", "100",
                "-max-rps", "100", "--duration", "9s", "--min-workers", "2", "--max-job-size", "10",
                // The workers' first seconds (JIT, first connections) happen in unjudged rounds.
                "--warmup", "3s")
                .toArray(String[]::new)), RunOptions.defaults().withListener(listener), new RunControl());

        long killedAt = killed.get(1, TimeUnit.SECONDS);
        WorkerEvent missing = new WorkerEvent("kill-a", WorkerLiveness.LIVE, WorkerLiveness.MISSING);
        assertThat(listener.workerEvents).contains(missing,
                new WorkerEvent("kill-a", WorkerLiveness.MISSING, WorkerLiveness.GONE));
        assertThat(Duration.ofNanos(listener.workerEventNanos.get(missing) - killedAt)).as("detected")
                .isPositive().isLessThan(Duration.ofSeconds(3));
        assertThat(finished.totals().planned()).isEqualTo(900);
        assertThat(finished.totals().lost()).as("requests the killed worker never reported").isPositive();
        assertThat(finished.totals().stats().outcomes().ok() + finished.totals().lost()).isEqualTo(900);
        // Once it is gone, the surviving worker carries the whole rate.
        List<CompletedRound> measured = listener.rounds.stream().filter(r -> !r.warmup()).toList();
        assertThat(measured).hasSize(9);
        List<CompletedRound> last = measured.subList(6, 9);
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
