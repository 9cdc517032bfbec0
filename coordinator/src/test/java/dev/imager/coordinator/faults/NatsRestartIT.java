package dev.imager.coordinator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.ledger.CompletedRound;
import dev.imager.coordinator.run.Coordinator;
import dev.imager.coordinator.run.FinishedRun;
import dev.imager.coordinator.run.RunControl;
import dev.imager.coordinator.run.RunOptions;
import dev.imager.coordinator.testing.Configs;
import dev.imager.coordinator.testing.RecordingListener;
import dev.imager.coordinator.testing.WorkerProcess;
import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.testing.NatsTestServer;
import dev.imager.sumservice.Route;
import dev.imager.sumservice.SumServer;
import dev.imager.sumservice.SumServiceConfig;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * NATS restarted mid-run (real nats-server, real worker processes, a target on loopback that counts what it
 * answered): no result of a request that was sent is lost (workers send again what the coordinator has not
 * confirmed), what could not go out on time is dropped with its reason, no round is skipped for want of workers that
 * were alive, and the rounds around the outage show their lateness in the corrected latency.
 */
class NatsRestartIT {

    @Test
    void aBrokerRestartLosesNoResultOfARequestThatWasSent() throws Exception {
        String prefix = "restart" + UUID.randomUUID().toString().substring(0, 6);
        try (NatsTestServer nats = NatsTestServer.start();
                SumServer target = SumServer.start(SumServiceConfig.defaults().withHost("127.0.0.1").withPort(0));
                WorkerProcess a = WorkerProcess.start("restart-a", nats.url(), "--subject-prefix", prefix,
                        "--heartbeat-interval", "500ms");
                WorkerProcess b = WorkerProcess.start("restart-b", nats.url(), "--subject-prefix", prefix,
                        "--heartbeat-interval", "500ms")) {
            CompletableFuture<Void> restarted = new CompletableFuture<>();
            AtomicBoolean striking = new AtomicBoolean();
            RecordingListener listener = new RecordingListener((round, status) -> {
                // Strike once load flows (3 warm-up rounds, then the third measured round done), off the control thread.
                if (!round.warmup() && round.round() >= 5 && round.stats().outcomes().ok() > 0
                        && striking.compareAndSet(false, true)) {
                    CompletableFuture.runAsync(() -> {
                        try {
                            nats.restart(); // stops the server, starts it again on the same port
                            restarted.complete(null);
                        } catch (RuntimeException e) {
                            restarted.completeExceptionally(e);
                        }
                    });
                }
            });
            long before = target.metrics().requestCount(Route.SUM, 200);

            FinishedRun finished = Coordinator.run(Configs.parse("--nats-url", nats.url(), "--subject-prefix", prefix,
                    "-target-mode", "url", "-target-url", "http://127.0.0.1:" + target.port(),
                    "-request-source-type", "random-sum", "-load-calculator", "step", "-min-rps", "100",
                    "-max-rps", "100", "--duration", "15s", "--warmup", "3s", "--min-workers", "2",
                    "-listen-port", "0", "--worker-wait-timeout", "60s"),
                    RunOptions.defaults().withListener(listener), new RunControl());

            assertThat(restarted).isCompleted();
            OutcomeCounts o = finished.totals().stats().outcomes();
            long answered = target.metrics().requestCount(Route.SUM, 200) - before;
            assertThat(finished.totals().lost()).as("no process died: nothing is lost").isZero();
            // Every request the target answered came back counted (warm-up rounds aside, which it answered too).
            long warmupOk = listener.rounds.stream().filter(CompletedRound::warmup)
                    .mapToLong(r -> r.stats().outcomes().ok()).sum();
            assertThat(o.ok() + warmupOk).isEqualTo(answered);
            assertThat(o.ok() + o.http4xx() + o.http5xx() + o.timeout() + o.connectError() + o.otherError() + o.dropped()
                    + finished.totals().lost()).isEqualTo(finished.totals().planned());
            assertThat(finished.totals().planned()).isEqualTo(1500);
            List<CompletedRound> measured = listener.rounds.stream().filter(r -> !r.warmup()).toList();
            assertThat(measured).noneMatch(r -> "no live worker".equals(r.notSentReason()));
            assertThat(measured).allMatch(r -> r.notSentReason() == null
                    || r.notSentReason().equals("broker unavailable"));
        }
    }
}
