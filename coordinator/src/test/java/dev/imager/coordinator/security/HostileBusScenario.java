package dev.imager.coordinator.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imager.coordinator.testing.CoordinatorProcess;
import dev.imager.coordinator.testing.CountingTarget;
import dev.imager.coordinator.testing.WorkerProcess;
import dev.imager.protocol.Subjects;
import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.testing.NatsTestServer;
import dev.imager.protocol.transport.NatsSettings;
import dev.imager.protocol.transport.NatsTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run under attack from the bus: a real nats-server, a coordinator and two workers as real processes, a target
 * that counts what it receives and a second, unlisted one that counts too. While the run goes on, a publisher sends
 * garbage of every shape on every subject, a job for the unlisted target, forged results, 50 phantom workers'
 * heartbeats, a real worker's id beating every millisecond and a STOP from another coordinator. Then: nothing reached
 * the unlisted target, the run's totals are the target's own count, the phantoms did not change how rounds were
 * split, the run ran to its end, and every process is healthy.
 *
 * <p>How NATS is started and with which identities each party connects are hooks, so a variant can run the same
 * attack against a server with authentication and permissions (where the server itself refuses the forgeries).
 */
public abstract class HostileBusScenario {

    /** The run: 2 workers, 100 rps for 15 s, at most one job per worker per round. */
    public static final int RATE = 100;
    public static final int SECONDS = 15;
    public static final int WORKERS = 2;
    /** Workers that beat without existing. */
    public static final int PHANTOMS = 50;
    /** The subject prefix of the run. */
    public static final String PREFIX = "hostile";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    /** The NATS server the run uses (here: one without authentication). */
    protected abstract NatsTestServer startNats() throws Exception;

    /** NATS flags (URL excepted) of the coordinator's identity. */
    protected List<String> coordinatorNatsFlags() {
        return List.of();
    }

    /** NATS flags (URL excepted) of the workers' identity. */
    protected List<String> workerNatsFlags() {
        return List.of();
    }

    /** Environment of the coordinator process (e.g. its NATS password). */
    protected Map<String, String> coordinatorEnvironment() {
        return Map.of();
    }

    /** Environment of the worker processes (e.g. their NATS password). */
    protected Map<String, String> workerEnvironment() {
        return Map.of();
    }

    /** How the attacker connects. */
    protected NatsSettings attackerSettings(String url) {
        return NatsSettings.of(url);
    }

    /** How the observer (a read-only watcher that counts jobs per round) connects. */
    protected NatsSettings observerSettings(String url) {
        return NatsSettings.of(url);
    }

    /**
     * What the coordinator says it refused, by reason ({@code imager_coordinator_rejected_messages_total}): here every
     * forgery reached it, so every kind of refusal shows.
     */
    protected void assertRefusedByTheCoordinator(Map<String, Double> refused) {
        for (String reason : List.of("undecodable", "unknown_job", "wrong_worker", "out_of_order", "over_count",
                "inconsistent_stats", "subject_mismatch", "no_reply_subject")) {
            assertThat(refused.getOrDefault(reason, 0.0)).as("refused as " + reason).isPositive();
        }
    }

    /**
     * How many workers the coordinator counts live while the phantoms beat: here the phantoms too (they are live, they
     * only never take a job).
     */
    protected int liveWorkersUnderAttack() {
        return WORKERS + PHANTOMS;
    }

    /** What the NATS server itself says about the attack (here: nothing to check, it refuses nobody). */
    protected void assertTheServerSaid(NatsTestServer nats) {
    }

    /** What the workers refused: the forged job (FORBIDDEN_TARGET) and the other coordinator's STOP. */
    protected void assertRefusedByTheWorkers(double forbiddenJobs, double foreignControls) {
        assertThat(forbiddenJobs).as("forged jobs refused as forbidden_target").isPositive();
        assertThat(foreignControls).as("controls from another coordinator ignored").isPositive();
    }

    @Test
    public void aRunUnderAttackFromTheBusIsNeitherRedirectedNorFalsifiedNorStopped() throws Exception {
        List<AutoCloseable> resources = new ArrayList<>();
        List<Object> processes = new ArrayList<>();
        try (NatsTestServer nats = startNats();
                CountingTarget listed = CountingTarget.start();
                CountingTarget unlisted = CountingTarget.start()) {
            String prefix = PREFIX;
            Subjects subjects = Subjects.withPrefix(prefix);
            int[] workerPorts = new int[WORKERS];
            for (int i = 0; i < WORKERS; i++) {
                workerPorts[i] = NatsTestServer.freePort();
                List<String> flags = new ArrayList<>(List.of("--subject-prefix", prefix, "--allowed-targets",
                        "127.0.0.1:" + listed.port()));
                flags.addAll(workerNatsFlags());
                WorkerProcess w = WorkerProcess.start("real-" + i, nats.url(), workerPorts[i], workerEnvironment(),
                        flags.toArray(String[]::new));
                resources.add(w);
                processes.add(w);
            }
            NatsTransport observerBus = NatsTransport.connect(observerSettings(nats.url()));
            resources.add(observerBus);
            BusObserver observer = new BusObserver(observerBus, subjects);
            resources.add(observer);
            NatsTransport attackerBus = NatsTransport.connect(attackerSettings(nats.url()));
            resources.add(attackerBus);
            Forgeries forger = new Forgeries(attackerBus, subjects);

            // A first, short run without an attack: fresh worker JVMs take their first jobs slowly on a busy machine
            // (class loading, compilation), late enough for their first requests to pass their timeout (dropped).
            CoordinatorProcess warmUp = CoordinatorProcess.start(coordinatorEnvironment(), coordinatorFlags(nats.url(),
                    prefix, listed, 3, NatsTestServer.freePort(), dir.resolve("warm-up")).toArray(String[]::new));
            resources.add(warmUp);
            assertThat(warmUp.waitFor(Duration.ofSeconds(120))).as(warmUp.log()).isZero();
            long before = listed.requests();

            int coordinatorPort = NatsTestServer.freePort();
            Path reports = dir.resolve("reports");
            CoordinatorProcess coordinator = CoordinatorProcess.start(coordinatorEnvironment(), coordinatorFlags(
                    nats.url(), prefix, listed, SECONDS, coordinatorPort, reports).toArray(String[]::new));
            resources.add(coordinator);
            processes.add(coordinator);

            // Wait until round 2 runs and a job of it is taken, then attack with what a subscriber sees.
            await().atMost(Duration.ofSeconds(90)).until(() -> runningJob(observer, 2) != null);
            BusObserver.Published first = runningJob(observer, 2);
            String runId = first.job().runId();
            String results = first.replyTo();

            forger.publishGarbage(runId, results);
            forger.publishJobFor(runId, unlisted.baseUrl(), results, 50);
            // Then, every half second: phantoms beat, the real ids are hijacked, another coordinator says STOP, and
            // results are forged for a job that runs at that moment (a job lasts a round; on a busy machine one try
            // can come after its end, so the next try takes a later job). Until every process shows it refused each
            // kind of forgery, and two rounds were split while the phantoms were live.
            AtomicLong firstRoundWithPhantoms = new AtomicLong(Long.MAX_VALUE);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                forger.publishPhantoms(PHANTOMS);
                for (String real : observer.workerIds()) {
                    forger.publishHijack(real);
                }
                forger.publishForeignStop(runId);
                BusObserver.Published victim = runningJob(observer, 2);
                if (victim != null) {
                    forger.publishForgedResults(runId, results, victim.job().jobId(),
                            observer.takenBy(victim.job().jobId()), victim.job().size());
                }
                attackerBus.flush(Duration.ofSeconds(5));

                Map<String, Double> coordinatorMetrics = scrape(coordinatorPort);
                assertRefusedByTheCoordinator(byLabel(coordinatorMetrics, "imager_coordinator_rejected_messages_total",
                        "reason"));
                assertRefusedByTheWorkers(workersSay(workerPorts, "imager_worker_jobs_rejected_total",
                        "forbidden_target"), workersSay(workerPorts, "imager_worker_control_messages_ignored_total",
                        "other_coordinator"));
                double live = byLabel(coordinatorMetrics, "imager_coordinator_workers", "status")
                        .getOrDefault("live", 0.0);
                long latestRound = observer.latestRound(runId, Forgeries.FORGED_JOB_IDS);
                if (live >= liveWorkersUnderAttack()) {
                    firstRoundWithPhantoms.compareAndSet(Long.MAX_VALUE, latestRound + 1);
                }
                assertThat(live).as("live workers as the coordinator counts them").isEqualTo(liveWorkersUnderAttack());
                assertThat(latestRound - firstRoundWithPhantoms.get()).as("rounds published after the first one "
                        + "planned while the phantoms were live").isGreaterThanOrEqualTo(1);
            });
            assertThat(health(coordinatorPort)).as("coordinator /healthz during the attack").isEqualTo(200);

            int exit = coordinator.waitFor(Duration.ofSeconds(120));
            assertThat(exit).as(coordinator.log()).isZero();
            JsonNode report = json.readTree(Files.readString(reports.resolve("report.json")));
            JsonNode totals = report.get("totals");

            // Nothing reached the target nobody configured.
            assertThat(unlisted.requests()).as("requests at the unlisted target").isZero();
            // The run's totals are the target's own count: no forged result added or removed a request.
            assertThat(totals.get("planned").asLong()).isEqualTo((long) RATE * SECONDS);
            assertThat(totals.get("ok").asLong()).isEqualTo(listed.requests() - before);
            assertThat(totals.get("sent").asLong()).isEqualTo(listed.requests() - before);
            assertThat(totals.get("lost").asLong()).isZero();
            assertThat(totals.get("dropped").asLong()).isZero();
            // The run was not stopped: it ran for its whole duration, every round sent.
            assertThat(report.get("endReason").asText()).isEqualTo("duration reached");
            assertThat(totals.get("rounds").asLong()).isEqualTo(SECONDS);
            assertThat(totals.get("notSentRounds").asLong()).isZero();
            // No phantom changed the split: no round, before or while they were live, went out in more jobs than
            // there are real workers (had the 50 phantoms counted, rounds would have been split 52 ways). Rounds are
            // split among the workers that took a job lately, so a round may go out in fewer jobs while a real worker
            // has not won a job from the queue group yet: that depends on NATS' draw, not on the phantoms.
            Map<Long, Long> perRound = observer.jobsPerRound(runId, Forgeries.FORGED_JOB_IDS);
            assertThat(perRound).hasSize(SECONDS);
            assertThat(perRound.values()).as("jobs per round; phantoms live from round %s", firstRoundWithPhantoms)
                    .allSatisfy(jobs -> assertThat(jobs).isBetween(1L, (long) WORKERS));
            // Every process is still healthy.
            for (int port : workerPorts) {
                assertThat(health(port)).as("worker /healthz").isEqualTo(200);
            }
            assertThat(coordinator.log()).doesNotContain("cannot answer a status request");
            assertTheServerSaid(nats);
        } finally {
            for (int i = resources.size() - 1; i >= 0; i--) {
                resources.get(i).close();
            }
            // What each process said, for whoever reads a failure (the test's output file keeps it).
            for (Object p : processes) {
                System.out.println("---- " + p + "\n" + (p instanceof CoordinatorProcess c ? c.log()
                        : ((WorkerProcess) p).log()));
            }
        }
    }

    /** The flags of a coordinator of a {@code seconds} run at {@link #RATE} against {@code target}. */
    private List<String> coordinatorFlags(String natsUrl, String prefix, CountingTarget target, int seconds, int port,
            Path reports) {
        List<String> flags = new ArrayList<>(List.of("--nats-url", natsUrl, "--subject-prefix", prefix,
                "-target-mode", "url", "-target-url", target.baseUrl(), "-request-source-type", "random-sum",
                "-load-calculator", "step", "-min-rps", Integer.toString(RATE), "-max-rps", Integer.toString(RATE),
                "--duration", seconds + "s", "--min-workers", Integer.toString(WORKERS), "--worker-wait-timeout", "60s",
                "-listen-port", Integer.toString(port), "--report-dir", reports.toString(), "--progress", "plain"));
        flags.addAll(coordinatorNatsFlags());
        return flags;
    }

    /** The latest job of {@code minRound} or later that a worker acknowledged and that has not reported its end. */
    private static BusObserver.Published runningJob(BusObserver observer, long minRound) {
        BusObserver.Published running = null;
        for (BusObserver.Published p : observer.jobs()) {
            JobResult last = observer.lastResult(p.job().jobId());
            if (p.job().round() >= minRound && !Forgeries.FORGED_JOB_IDS.contains(p.job().jobId())
                    && observer.takenBy(p.job().jobId()) != null && (last == null || !last.done())) {
                running = p;
            }
        }
        return running;
    }

    /** The sum over the workers of {@code metric}'s sample with {@code reason}. */
    private double workersSay(int[] ports, String metric, String reason) throws Exception {
        double sum = 0;
        for (int port : ports) {
            sum += byLabel(scrape(port), metric, "reason").getOrDefault(reason, 0.0);
        }
        return sum;
    }

    private int health(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Every sample of a Prometheus scrape, keyed by its series (name and labels as written). */
    private Map<String, Double> scrape(int port) throws Exception {
        String text = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> samples = new java.util.HashMap<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return samples;
    }

    /** The samples of {@code metric} by the value of its label {@code label}. */
    private static Map<String, Double> byLabel(Map<String, Double> samples, String metric, String label) {
        Map<String, Double> values = new java.util.HashMap<>();
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(metric)
                + "\\{.*" + label + "=\"([^\"]+)\".*}");
        samples.forEach((series, value) -> {
            java.util.regex.Matcher m = p.matcher(series);
            if (m.matches()) {
                values.merge(m.group(1), value, Double::sum);
            }
        });
        return values;
    }
}
