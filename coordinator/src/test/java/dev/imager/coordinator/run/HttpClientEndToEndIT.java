package dev.imager.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.report.ReportCollector;
import dev.imager.coordinator.report.RunReport;
import dev.imager.coordinator.testing.Configs;
import dev.imager.coordinator.testing.WorkerProcess;
import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.testing.NatsTestServer;
import dev.imager.worker.testing.LoopbackHttp2Server;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client choices a run makes ({@code --http-version}, {@code --follow-redirects}) travel in every job and
 * are honoured by local workers on the in-memory bus and by a worker process over a real nats-server, against a
 * real HTTP/2 server on loopback, with exact accounting.
 */
class HttpClientEndToEndIT {

    private static NatsTestServer nats;
    private static LoopbackHttp2Server h2c;
    private final List<WorkerProcess> workers = new ArrayList<>();
    private final String prefix = "h2" + UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    static void start() throws Exception {
        nats = NatsTestServer.start();
        h2c = LoopbackHttp2Server.start(100);
    }

    @AfterAll
    static void stop() {
        h2c.close();
        nats.close();
    }

    @BeforeEach
    void clear() {
        h2c.clear();
    }

    @AfterEach
    void stopWorkers() throws Exception {
        for (WorkerProcess w : workers) {
            w.close();
        }
    }

    /**
     * 20 rps for 3 s of random-sum requests to the h2c server, plus {@code more}, after a 2 s warm-up (a freshly
     * started worker JVM is slow at first; warm-up rounds are not in the totals).
     */
    private static List<String> run(String... more) {
        List<String> flags = new ArrayList<>(List.of("-target-mode", "url", "-target-url",
                "http://127.0.0.1:" + h2c.port(), "-request-source-type", "random-sum", "-load-calculator", "step",
                "-min-rps", "20", "-max-rps", "20", "-step-rps", "1", "--warmup", "2s", "--duration", "3s",
                "-listen-port", "0", "--http-version", "2"));
        flags.addAll(List.of(more));
        return flags;
    }

    private List<String> distributed(String... more) throws Exception {
        workers.add(WorkerProcess.start("h2-" + workers.size(), nats.url(), "--subject-prefix", prefix));
        List<String> flags = run(more);
        flags.addAll(List.of("--nats-url", nats.url(), "--subject-prefix", prefix, "--worker-wait-timeout", "60s"));
        return flags;
    }

    private static RunReport runAndReport(List<String> flags) {
        var config = Configs.parse(flags.toArray(String[]::new));
        ReportCollector collector = new ReportCollector(config, "test");
        FinishedRun finished = Coordinator.run(config, RunOptions.defaults().withListener(collector), new RunControl());
        assertThat(finished.endReason()).isEqualTo("duration reached");
        return collector.build(finished);
    }

    @Test
    void localWorkersSpeakH2cWhenTheRunAsksForIt() {
        RunReport report = runAndReport(run("--local-workers", "1"));

        assertH2Run(report);
    }

    @Test
    void aWorkerProcessSpeaksH2cWhenTheRunAsksForIt() throws Exception {
        RunReport report = runAndReport(distributed());

        assertH2Run(report);
    }

    private static void assertH2Run(RunReport report) {
        var t = report.totals();
        assertThat(t.planned()).isEqualTo(60);
        assertThat(new OutcomeCounts(t.ok(), t.http4xx(), t.http5xx(), t.timeout(), t.connectError(), t.otherError(),
                t.dropped())).isEqualTo(new OutcomeCounts(60, 0, 0, 0, 0, 0, 0));
        assertThat(t.lost()).isZero();
        assertThat(t.protocols()).isEqualTo(Map.of("HTTP/2", Map.of(200, 60L)));
        assertThat(report.settings().httpVersion()).isEqualTo("2");
        // Warm-up rounds reached the server too: every planned request of every round arrived, none more.
        assertThat(h2c.received()).hasSize((int) planned(report)).allSatisfy(r -> assertThat(r.path())
                .startsWith("/sum?a="));
        assertThat(h2c.connectionsAccepted()).isPositive();
    }

    @Test
    void aWorkerProcessFollowsRedirectsOrNotAsTheRunSays() throws Exception {
        // The server answers 302 without a Location: a final 3xx fails the request when following (as the
        // original counted it), and is the response asked for when not.
        RunReport following = runAndReport(distributed("-random-sum-path", "/redirect/302"));
        RunReport notFollowing = runAndReport(distributed("-random-sum-path", "/redirect/302",
                "--follow-redirects=false"));

        assertThat(following.totals().otherError()).isEqualTo(60);
        assertThat(following.totals().statusCodes()).isEqualTo(Map.of(302, 60L));
        assertThat(following.settings().maxRedirects()).isEqualTo(10);
        assertThat(notFollowing.totals().ok()).isEqualTo(60);
        assertThat(notFollowing.totals().statusCodes()).isEqualTo(Map.of(302, 60L));
        assertThat(notFollowing.settings().maxRedirects()).isZero();
        assertThat(h2c.received()).hasSize((int) (planned(following) + planned(notFollowing)));
    }

    /** Requests planned in every round, warm-up included. */
    private static long planned(RunReport report) {
        return report.rounds().stream().mapToLong(r -> r.planned()).sum();
    }
}
