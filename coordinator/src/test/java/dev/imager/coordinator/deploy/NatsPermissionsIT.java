package dev.imager.coordinator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imager.coordinator.testing.CoordinatorProcess;
import dev.imager.coordinator.testing.WorkerProcess;
import dev.imager.protocol.testing.NatsTestServer;
import dev.imager.sumservice.Route;
import dev.imager.sumservice.SumServer;
import dev.imager.sumservice.SumServiceConfig;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.service.Discovery;
import io.nats.service.InfoResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NATS permissions the chart renders, enforced by a real nats-server: the authorization file and the
 * passwords come from {@code helm template} (for subject prefix {@value #PREFIX}), the server reads the passwords
 * from its environment as the bundled NATS does. A worker identity cannot publish jobs or run control, a watcher
 * can publish no job and take none, the coordinator cannot be made to publish on a subject it does not own, and a
 * full run with real coordinator and worker processes works with their identities.
 */
class NatsPermissionsIT {

    private static final String PREFIX = "perm.imager";
    private static final String QUEUE = "perm-imager-workers";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    static NatsTestServer nats;
    static Map<String, String> passwords;

    @BeforeAll
    static void natsWithTheRenderedAuthorization() throws Exception {
        ChartNats chartNats = ChartNats.start(dir, PREFIX);
        nats = chartNats.server();
        passwords = chartNats.passwords();
    }

    @AfterAll
    static void stop() {
        if (nats != null) {
            nats.close();
        }
    }

    /** A client connected as {@code identity}; the server's complaints land in {@code errors}. */
    private static Connection connect(String user, String password, BlockingQueue<String> errors)
            throws IOException, InterruptedException {
        return Nats.connect(new Options.Builder().server(nats.url()).userInfo(user, password)
                .connectionTimeout(Duration.ofSeconds(5)).maxReconnects(0)
                .errorListener(new ErrorListener() {
                    @Override
                    public void errorOccurred(Connection conn, String error) {
                        errors.add(error);
                    }
                }).build());
    }

    private static Connection as(String identity, BlockingQueue<String> errors) throws IOException, InterruptedException {
        return connect("imager-" + identity, passwords.get(identity + "-password"), errors);
    }

    private static void assertRefused(BlockingQueue<String> errors, String expected) throws InterruptedException {
        String error = errors.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(error).as("the server's answer").isNotNull();
        assertThat(error).containsIgnoringCase(expected);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void onlyTheThreeIdentitiesWithTheirOwnPasswordsGetIn() {
        BlockingQueue<String> ignored = new LinkedBlockingQueue<>();
        assertThatThrownBy(() -> Nats.connect(new Options.Builder().server(nats.url()).maxReconnects(0).build()))
                .hasMessageContaining("Authorization Violation");
        assertThatThrownBy(() -> connect("imager-worker", passwords.get("watcher-password"), ignored))
                .hasMessageContaining("Authorization Violation");
        assertThatThrownBy(() -> connect("imager-admin", passwords.get("coordinator-password"), ignored))
                .hasMessageContaining("Authorization Violation");
    }

    @Test
    void aWorkerCanNeitherPublishJobsNorControlARunNorConfirmResults() throws Exception {
        BlockingQueue<String> watcherErrors = new LinkedBlockingQueue<>();
        BlockingQueue<String> workerErrors = new LinkedBlockingQueue<>();
        try (Connection watcher = as("watcher", watcherErrors); Connection worker = as("worker", workerErrors);
                Connection coordinator = as("coordinator", new LinkedBlockingQueue<>())) {
            Subscription seen = watcher.subscribe(PREFIX + ".>");
            watcher.flush(WAIT);

            worker.publish(PREFIX + ".jobs", bytes("{\"type\":\"job\",\"forged\":true}"));
            assertRefused(workerErrors, "Permissions Violation for Publish to \"" + PREFIX + ".jobs\"");
            worker.publish(PREFIX + ".control", bytes("{\"type\":\"control\",\"action\":\"STOP\"}"));
            assertRefused(workerErrors, "Permissions Violation for Publish to \"" + PREFIX + ".control\"");
            // Nor confirm another worker's results away (only the coordinator confirms what it counted).
            worker.publish(PREFIX + ".confirm.w2", bytes("{\"type\":\"results-confirmed\"}"));
            assertRefused(workerErrors, "Permissions Violation for Publish to \"" + PREFIX + ".confirm.w2\"");
            worker.publish(PREFIX + ".heartbeat.w1", bytes("after the refused ones"));
            worker.flush(WAIT);
            // Messages from one connection arrive in order: the first one the watcher sees is the heartbeat.
            Message first = seen.nextMessage(WAIT);
            assertThat(first).isNotNull();
            assertThat(first.getSubject()).isEqualTo(PREFIX + ".heartbeat.w1");

            // Jobs only as a member of the workers' queue group: no copy of every job, no other group.
            worker.subscribe(PREFIX + ".jobs");
            assertRefused(workerErrors, "Permissions Violation for Subscription to \"" + PREFIX + ".jobs\"");
            worker.subscribe(PREFIX + ".jobs", "elsewhere");
            assertRefused(workerErrors, "using queue \"elsewhere\"");
            Subscription jobs = worker.subscribe(PREFIX + ".jobs", QUEUE);
            worker.flush(WAIT);
            coordinator.publish(PREFIX + ".jobs", bytes("a job"));
            Message job = jobs.nextMessage(WAIT);
            assertThat(job).as("the coordinator's job reaches the queue group").isNotNull();
            assertThat(new String(job.getData(), StandardCharsets.UTF_8)).isEqualTo("a job");
            // The closed model's jobs likewise: the coordinator publishes them, workers take them in the group.
            worker.publish(PREFIX + ".users-jobs", bytes("{\"type\":\"users-job\",\"forged\":true}"));
            assertRefused(workerErrors, "Permissions Violation for Publish to \"" + PREFIX + ".users-jobs\"");
            worker.subscribe(PREFIX + ".users-jobs");
            assertRefused(workerErrors, "Permissions Violation for Subscription to \"" + PREFIX + ".users-jobs\"");
            Subscription usersJobs = worker.subscribe(PREFIX + ".users-jobs", QUEUE);
            worker.flush(WAIT);
            coordinator.publish(PREFIX + ".users-jobs", bytes("users"));
            Message usersJob = usersJobs.nextMessage(WAIT);
            assertThat(usersJob).as("the coordinator's users job reaches the queue group").isNotNull();
            assertThat(workerErrors).isEmpty();
            assertThat(watcherErrors).isEmpty();
        }
    }

    @Test
    void aWatcherSeesEverythingButPublishesNoJobAndTakesNone() throws Exception {
        BlockingQueue<String> errors = new LinkedBlockingQueue<>();
        try (Connection watcher = as("watcher", errors)) {
            watcher.publish(PREFIX + ".jobs", bytes("{\"type\":\"job\"}"));
            assertRefused(errors, "Permissions Violation for Publish to \"" + PREFIX + ".jobs\"");
            watcher.publish(PREFIX + ".control", bytes("{\"type\":\"control\"}"));
            assertRefused(errors, "Permissions Violation for Publish to \"" + PREFIX + ".control\"");
            watcher.publish(PREFIX + ".results.c1", bytes("{\"type\":\"job-result\"}"));
            assertRefused(errors, "Permissions Violation for Publish to \"" + PREFIX + ".results.c1\"");
            // In the workers' queue group it would take jobs away from them.
            watcher.subscribe(PREFIX + ".jobs", QUEUE);
            assertRefused(errors, "using queue \"" + QUEUE + "\"");
            watcher.subscribe("other.>");
            assertRefused(errors, "Permissions Violation for Subscription to \"other.>\"");
        }
    }

    @Test
    void aFullRunWorksWithTheCoordinatorAndWorkerIdentities() throws Exception {
        Path reports = dir.resolve("reports");
        try (SumServer target = SumServer.start(SumServiceConfig.defaults().withHost("127.0.0.1").withPort(0));
                WorkerProcess w1 = worker("perm-w1");
                WorkerProcess w2 = worker("perm-w2");
                CoordinatorProcess coordinator = CoordinatorProcess.start(
                        Map.of("IMAGER_NATS_PASSWORD", passwords.get("coordinator-password")),
                        "--nats-url", nats.url(), "--subject-prefix", PREFIX, "--nats-user", "imager-coordinator",
                        "-target-mode", "url", "-target-url", "http://127.0.0.1:" + target.port(),
                        "-request-source-type", "random-sum", "-load-calculator", "step", "-min-rps", "20",
                        "-max-rps", "20", "--min-workers", "2", "--duration", "6s", "-listen-port", "0",
                        // Cold JVMs on a busy machine answer slowly at first: this run is about who may talk.
                        "--request-timeout", "15s",
                        "--report-dir", reports.toString(), "--progress", "plain")) {
            long before = target.metrics().requestCount(Route.SUM, 200);
            BlockingQueue<String> errors = new LinkedBlockingQueue<>();
            try (Connection watcher = as("watcher", errors)) {
                // The watcher's view: the status, and the coordinator found by service discovery.
                Message status = awaitStatus(watcher, coordinator);
                assertThat(new ObjectMapper().readTree(status.getData()).has("runId")).isTrue();
                List<InfoResponse> services = new Discovery(watcher, 2_000, 1).info("imager");
                assertThat(services).singleElement().satisfies(info -> assertThat(info.getEndpoints())
                        .anySatisfy(e -> assertThat(e.getSubject()).isEqualTo(PREFIX + ".status")));

                // A status request naming a heartbeat subject as its reply: the coordinator may answer on
                // inboxes only, so nothing arrives there. Its answers come in order: once the second request
                // is answered, a reply to the first would already be queued.
                Subscription reflected = watcher.subscribe(PREFIX + ".heartbeat.reflected");
                watcher.flush(WAIT);
                watcher.publish(PREFIX + ".status", PREFIX + ".heartbeat.reflected", new byte[0]);
                assertThat(watcher.request(PREFIX + ".status", new byte[0], WAIT)).isNotNull();
                assertThat(reflected.nextMessage(Duration.ofMillis(1))).isNull();
                assertThat(errors).isEmpty();
            }

            int exit = coordinator.waitFor(Duration.ofSeconds(90));
            assertThat(exit).as("exit code; log:\n%s", coordinator.log()).isZero();
            // The one thing the coordinator was refused: the reply it was asked to publish on a heartbeat subject.
            assertThat(coordinator.log().split("Permissions Violation", -1)).as(coordinator.log()).hasSize(2);
            assertThat(coordinator.log()).contains("Permissions Violation for Publish to \"" + PREFIX
                    + ".heartbeat.reflected\"");
            JsonNode totals = new ObjectMapper().readTree(reports.resolve("report.json").toFile()).get("totals");
            long sent = target.metrics().requestCount(Route.SUM, 200) - before;
            String logs = "totals " + totals + "\ncoordinator:\n" + coordinator.log() + "\nworker:\n" + w1.log();
            assertThat(totals.get("planned").asLong()).as(logs).isEqualTo(120);
            assertThat(totals.get("ok").asLong()).as(logs).isEqualTo(120).isEqualTo(sent);
            assertThat(totals.get("lost").asLong()).isZero();
            assertThat(w1.log() + w2.log()).doesNotContain("Permissions Violation");
        }
    }

    private static WorkerProcess worker(String id) throws IOException {
        return WorkerProcess.start(id, nats.url(), Map.of("IMAGER_NATS_PASSWORD", passwords.get("worker-password")),
                "--subject-prefix", PREFIX, "--nats-user", "imager-worker");
    }

    /** Asks for the status until the coordinator answers (it registers its service once connected). */
    private static Message awaitStatus(Connection watcher, CoordinatorProcess coordinator) {
        AtomicReference<Message> answer = new AtomicReference<>();
        try {
            await("a status answer").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions().untilAsserted(() -> {
                        // Before the service is up the server answers "no responders" (a status message or an
                        // exception).
                        Message reply = watcher.request(PREFIX + ".status", new byte[0], Duration.ofSeconds(2));
                        assertThat(reply).isNotNull();
                        assertThat(reply.isStatusMessage()).isFalse();
                        answer.set(reply);
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no status answer; coordinator log:\n" + coordinator.log(), e);
        }
        return answer.get();
    }
}
