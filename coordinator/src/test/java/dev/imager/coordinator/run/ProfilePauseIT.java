package dev.imager.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.ledger.CompletedRound;
import dev.imager.coordinator.testing.Configs;
import dev.imager.coordinator.testing.RecordingListener;
import dev.imager.protocol.EpochClock;
import dev.imager.protocol.transport.InMemoryTransport;
import dev.imager.sumservice.SumServer;
import dev.imager.sumservice.SumServiceConfig;
import dev.imager.worker.Worker;
import dev.imager.worker.WorkerSettings;
import dev.imager.worker.engine.EngineSettings;
import dev.imager.worker.engine.HttpEngine;
import dev.imager.worker.metrics.WorkerMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A pure profile pauses through rounds that could not be sent, as the original did: the coordinator and real
 * workers on one in-memory bus, the only worker drained away mid-run (rounds then have no live worker) and a new
 * one started a few rounds later; the rounds that were sent climb the step profile without a gap.
 */
class ProfilePauseIT {

    private static final Duration BEAT = Duration.ofMillis(200);

    private static Worker worker(String id, InMemoryTransport bus, HttpEngine engine) {
        return new Worker(WorkerSettings.defaults(id).withHeartbeatInterval(BEAT), bus, engine, WorkerMetrics.NOOP,
                EpochClock.SYSTEM).start();
    }

    @Test
    void stepHoldsItsRateWhileNoWorkerIsLive() throws Exception {
        RunControl control = new RunControl();
        AtomicReference<Worker> second = new AtomicReference<>();
        CompletableFuture<Void> firstGone = new CompletableFuture<>();
        try (SumServer target = SumServer.start(SumServiceConfig.defaults().withHost("127.0.0.1").withPort(0));
                InMemoryTransport bus = new InMemoryTransport();
                HttpEngine engine = new HttpEngine(EngineSettings.defaults(), WorkerMetrics.NOOP)) {
            Worker first = worker("first", bus, engine);
            List<CompletedRound> rounds = new CopyOnWriteArrayList<>();
            RecordingListener listener = new RecordingListener((round, status) -> {
                rounds.add(round);
                long notSent = rounds.stream().filter(CompletedRound::notSent).count();
                long sentAfterGap = notSent == 0 ? 0 : rounds.stream()
                        .dropWhile(r -> !r.notSent()).filter(r -> !r.notSent()).count();
                if (round.round() == 1 && !firstGone.isDone()) {
                    // Off the control thread: the only worker leaves (drains, says so, stops beating).
                    CompletableFuture.runAsync(() -> {
                        first.drain();
                        first.close();
                        firstGone.complete(null);
                    });
                } else if (notSent >= 2 && second.get() == null) {
                    second.set(worker("second", bus, engine));
                } else if (sentAfterGap >= 3) {
                    control.stop("seen enough");
                }
            });

            FinishedRun finished = Coordinator.run(Configs.parse("-target-mode", "url", "-target-url",
                    "http://127.0.0.1:" + target.port(), "-request-source-type", "random-sum", "-load-calculator",
                    "step", "-min-rps", "10", "-max-rps", "1000", "-step-rps", "10", "--duration", "60s",
                    "--min-workers", "1", "-listen-port", "0"),
                    RunOptions.defaults().withTransport(bus).withListener(listener), control);

            if (second.get() != null) {
                second.get().close();
            }
            assertThat(finished.endReason()).isEqualTo("seen enough");
            List<CompletedRound> all = List.copyOf(rounds);
            List<Double> sentRates = all.stream().filter(r -> !r.notSent()).map(CompletedRound::rate).toList();
            assertThat(all).filteredOn(CompletedRound::notSent).hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(r -> assertThat(r.notSentReason()).contains("no live worker"));
            // The rounds sent climb 10, 20, 30, ... without skipping the rates of the rounds not sent.
            for (int i = 0; i < sentRates.size(); i++) {
                assertThat(sentRates.get(i)).as("rate of the %d-th round sent, of %s", i, sentRates)
                        .isEqualTo(10.0 * (i + 1));
            }
            // A round not sent holds the rate the next round sent gets.
            for (int i = 0; i + 1 < all.size(); i++) {
                if (all.get(i).notSent()) {
                    assertThat(all.get(i).rate()).as("round %d", i).isEqualTo(all.get(i + 1).rate());
                }
            }
        }
    }
}
