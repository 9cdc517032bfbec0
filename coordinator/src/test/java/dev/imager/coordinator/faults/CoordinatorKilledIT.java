package dev.imager.coordinator.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imager.coordinator.report.ReportFiles;
import dev.imager.coordinator.report.ReportJson;
import dev.imager.coordinator.report.RunReport;
import dev.imager.coordinator.testing.CoordinatorProcess;
import dev.imager.coordinator.testing.WorkerProcess;
import dev.imager.protocol.testing.NatsTestServer;
import dev.imager.sumservice.Route;
import dev.imager.sumservice.SumServer;
import dev.imager.sumservice.SumServiceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coordinator SIGKILLed mid-run (real processes, a real nats-server, a target on loopback that counts what it
 * receives): the workers stop sending within 5 s, since every job spans one round and nothing re-sends load for a
 * coordinator that is gone; and the report directory keeps the last partial report.
 */
class CoordinatorKilledIT {

    /** The property pinned: how long a dead coordinator's load may go on. */
    private static final Duration ORPHANED_LOAD_LIMIT = Duration.ofSeconds(5);
    /** The target is taken to be quiet once its count has not moved for this long. */
    private static final Duration QUIET = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    @Test
    void theWorkersStopSendingWithinFiveSecondsAndTheLastPartialReportStays() throws Exception {
        String prefix = "killed" + UUID.randomUUID().toString().substring(0, 6);
        Path reports = dir.resolve("reports");
        try (NatsTestServer nats = NatsTestServer.start();
                SumServer target = SumServer.start(SumServiceConfig.defaults().withHost("127.0.0.1").withPort(0));
                WorkerProcess a = WorkerProcess.start("orphan-a", nats.url(), "--subject-prefix", prefix);
                WorkerProcess b = WorkerProcess.start("orphan-b", nats.url(), "--subject-prefix", prefix);
                CoordinatorProcess coordinator = CoordinatorProcess.start(Map.of(), "--nats-url", nats.url(),
                        "--subject-prefix", prefix, "-target-mode", "url", "-target-url",
                        "http://127.0.0.1:" + target.port(), "-request-source-type", "random-sum",
                        "-load-calculator", "step", "-min-rps", "200", "-max-rps", "200", "--duration", "120s",
                        "--min-workers", "2", "-listen-port", "0", "--progress", "off", "--report-dir",
                        reports.toString())) {
            // Strike while load flows and a partial report has been written.
            Path json = reports.resolve(ReportFiles.JSON_FILE);
            await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(json)
                    && ReportJson.read(json).totals().ok() > 0);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
                long before = count(target);
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                return count(target) > before;
            });

            long killedAt = System.nanoTime();
            coordinator.kill();

            long lastChange = killedAt;
            long last = count(target);
            long giveUp = killedAt + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() - lastChange < QUIET.toNanos() && System.nanoTime() < giveUp) {
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
                long now = count(target);
                if (now != last) {
                    last = now;
                    lastChange = System.nanoTime();
                }
            }
            Duration orphaned = Duration.ofNanos(lastChange - killedAt);
            assertThat(orphaned).as("last request the target saw after the coordinator's SIGKILL\n%s%s", a.log(), b.log())
                    .isLessThan(ORPHANED_LOAD_LIMIT);

            RunReport left = ReportJson.read(json);
            assertThat(left.partial()).isTrue();
            assertThat(left.endReason()).isEqualTo("running");
            assertThat(left.totals().planned()).isPositive();
            assertThat(left.totals().ok()).isPositive();
            assertThat(Files.readString(reports.resolve(ReportFiles.HTML_FILE))).contains("(partial)");
        }
    }

    private static long count(SumServer target) {
        return target.metrics().requestCount(Route.SUM, 200);
    }
}
