package dev.imager.coordinator.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imager.coordinator.ledger.RunTotals;
import dev.imager.coordinator.run.Coordinator;
import dev.imager.coordinator.run.FinishedRun;
import dev.imager.coordinator.run.RunControl;
import dev.imager.coordinator.run.RunOptions;
import dev.imager.coordinator.testing.Configs;
import dev.imager.coordinator.testing.FaultyTarget;
import dev.imager.coordinator.testing.WorkerProcess;
import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.testing.NatsTestServer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A target that resets connections and stalls requests, loaded by a real worker process over a real nats-server:
 * every planned request is accounted for, and the run's counts match what the target itself saw: every request it
 * read was sent and counted (sent = received), and each outcome is what the target did with it.
 */
class TargetFaultsIT {

    @Test
    void resetsAndStallsAreCountedRequestForRequest() throws Exception {
        String prefix = "faulty" + UUID.randomUUID().toString().substring(0, 6);
        try (NatsTestServer nats = NatsTestServer.start();
                FaultyTarget target = FaultyTarget.start(10);
                WorkerProcess worker = WorkerProcess.start("faulty-a", nats.url(), "--subject-prefix", prefix,
                        "--heartbeat-interval", "500ms")) {
            FinishedRun finished = Coordinator.run(Configs.parse("--nats-url", nats.url(), "--subject-prefix", prefix,
                    "-target-mode", "url", "-target-url", target.baseUrl(), "-request-source-type", "random-sum",
                    "-load-calculator", "step", "-min-rps", "50", "-max-rps", "50", "--duration", "6s",
                    "--request-timeout", "1s", "-listen-port", "0", "--worker-wait-timeout", "60s"),
                    RunOptions.defaults(), new RunControl());

            RunTotals totals = finished.totals();
            OutcomeCounts o = totals.stats().outcomes();
            assertThat(totals.planned()).isEqualTo(300);
            assertThat(o.ok() + o.http4xx() + o.http5xx() + o.timeout() + o.connectError() + o.otherError()
                    + o.dropped() + totals.lost()).isEqualTo(totals.planned());
            assertThat(totals.lost()).as("nothing died: nothing is lost").isZero();
            assertThat(o.dropped()).as(worker.log()).isZero();
            assertThat(target.stalled()).as("the target did stall and reset").isPositive();
            assertThat(target.reset()).isPositive();
            assertThat(o.http4xx() + o.http5xx() + o.connectError()).isZero();
            // The target's own count: every request it read was sent and counted, and nothing else was. (It may
            // still be reading what a client already gave up on.)
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(target.received()).isEqualTo(o.sent()));
            // Each kind as the target saw it; a slow machine may turn a late answer into a timeout, never more.
            assertThat(o.ok()).isLessThanOrEqualTo(target.answered()).isPositive();
            assertThat(o.timeout()).isGreaterThanOrEqualTo(target.stalled());
            assertThat(o.otherError()).isLessThanOrEqualTo(target.reset());
            assertThat(o.timeout() + o.otherError())
                    .isEqualTo(target.stalled() + target.reset() + target.answered() - o.ok());
        }
    }
}
