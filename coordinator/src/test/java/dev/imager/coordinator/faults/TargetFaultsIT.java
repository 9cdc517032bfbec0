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
 * every planned request is accounted for, and the run's counts agree with what the target itself saw: every request
 * it read was sent, every one it answered and no other is ok, every one it stalled, reset or never read failed.
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
            assertThat(totals.lost()).as("nothing died: nothing is lost\n%s", worker.log()).isZero();
            assertThat(o.dropped()).as(worker.log()).isZero();
            assertThat(target.stalled()).as("the target did stall and reset").isPositive();
            assertThat(target.reset()).isPositive();
            assertThat(o.http4xx() + o.http5xx() + o.connectError()).isZero();
            // The target's own count. Every request it read was sent; one it never read (a connection it had not
            // accepted yet when the request timed out, on a slow machine) was sent and failed.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(target.received()).isLessThanOrEqualTo(o.sent()).isPositive());
            // Counts read before the count of requests read, so a request read in between cannot be in both.
            long stalled = target.stalled();
            long reset = target.reset();
            long answered = target.answered();
            long unread = o.sent() - target.received();
            assertThat(o.ok()).as("every ok was answered by the target").isLessThanOrEqualTo(answered).isPositive();
            assertThat(o.timeout()).as("every stalled request timed out").isGreaterThanOrEqualTo(stalled);
            assertThat(o.timeout() + o.otherError()).as("every stalled, reset or unread request failed")
                    .isGreaterThanOrEqualTo(stalled + reset + unread);
        }
    }
}
