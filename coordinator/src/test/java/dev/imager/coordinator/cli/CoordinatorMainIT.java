package dev.imager.coordinator.cli;

import static dev.imager.coordinator.testing.CoordinatorCli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imager.coordinator.report.ExitCodes;
import dev.imager.coordinator.testing.CoordinatorCli.Result;
import dev.imager.sumservice.Route;
import dev.imager.sumservice.SumServer;
import dev.imager.sumservice.SumServiceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator command end to end in local mode against sumservice on loopback: exact totals, the
 * report files, and the exit code of every outcome (passed, thresholds failed, invalid, infrastructure).
 */
class CoordinatorMainIT {

    private static SumServer target;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        target = SumServer.start(SumServiceConfig.defaults().withHost("127.0.0.1").withPort(0));
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    private String[] local(String... more) {
        String[] base = {"--local-workers", "2", "-target-mode", "url", "-target-url", "http://127.0.0.1:" + target.port(),
            "-request-source-type", "random-sum", "-listen-port", "0", "--progress", "plain"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void aLocalRunSendsExactlyThePlanWritesTheReportAndPassesItsThresholds() throws Exception {
        long before = target.metrics().requestCount(Route.SUM, 200);
        Path reports = dir.resolve("reports");

        Result r = run(local("-load-calculator", "step", "-min-rps", "20", "-max-rps", "60", "-step-rps", "20",
                "--duration", "4s", "--report-dir", reports.toString(), "--threshold", "error-rate<1%",
                "--threshold", "achieved-rate>=99%", "--threshold", "p99<2s"));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(target.metrics().requestCount(Route.SUM, 200) - before).isEqualTo(20 + 40 + 60 + 60);
        assertThat(r.out()).contains("Thresholds: 3 of 3 passed").contains("duration reached");
        JsonNode report = new ObjectMapper().readTree(reports.resolve("report.json").toFile());
        assertThat(report.get("totals").get("planned").asLong()).isEqualTo(180);
        assertThat(report.get("totals").get("ok").asLong()).isEqualTo(180);
        assertThat(report.get("rounds")).hasSize(4);
        assertThat(Files.readString(reports.resolve("report.html"))).contains("report-data");
        // Progress went to stderr, one plain line per second.
        assertThat(r.err()).contains("planned").contains("achieved");
    }

    @Test
    void aTargetUrlWithAQueryIsSentBeforeEachRequestsOwnQuery() throws Exception {
        // The target holds a=..., each request b=...: sumservice answers 200 only when both arrive.
        Path requests = dir.resolve("requests.json");
        Files.writeString(requests, "{\"method\":\"GET\",\"path\":\"/sum\",\"queryString\":\"b=2\"}\n");
        long ok = target.metrics().requestCount(Route.SUM, 200);
        long bad = target.metrics().requestCount(Route.SUM, 400);

        Result r = run("--local-workers", "2", "-target-mode", "url", "-target-url",
                "http://127.0.0.1:" + target.port() + "/?a=40", "-request-source-file", requests.toString(),
                "-listen-port", "0", "--progress", "off", "-load-calculator", "step", "-min-rps", "20",
                "-max-rps", "20", "--duration", "2s", "--threshold", "error-rate<1%");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(target.metrics().requestCount(Route.SUM, 200) - ok).isEqualTo(40);
        assertThat(target.metrics().requestCount(Route.SUM, 400) - bad).isZero();
    }

    @Test
    void aTargetNoWorkerCouldUseIsRefusedAtStartUp() {
        long before = target.metrics().requestCount(Route.SUM, 200) + target.metrics().requestCount(Route.SUM, 400);

        Result r = run(local("-target-url", "http://user:secret@127.0.0.1:" + target.port() + "/", "--duration", "2s"));

        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
        assertThat(r.err()).contains("coordinator: -target-url: must not contain user info");
        assertThat(target.metrics().requestCount(Route.SUM, 200) + target.metrics().requestCount(Route.SUM, 400))
                .as("no job was sent").isEqualTo(before);
    }

    @Test
    void outputsThatCannotBeWrittenAreRefusedBeforeTheRunNamingTheirFlags() {
        long before = target.metrics().requestCount(Route.SUM, 200) + target.metrics().requestCount(Route.SUM, 400);
        // No one, root included, creates a directory in /proc: found now, not after a run of many minutes.
        Result r = run(local("-load-calculator", "step", "-min-rps", "10", "-max-rps", "10", "--duration", "30s",
                "--report-dir", "/proc/imager-reports", "--junit-report", "/proc/imager-ci/junit.xml",
                "--summary-json", dir.resolve("ci/summary.json").toString()));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
        assertThat(r.err()).contains("coordinator: --report-dir: cannot create directory /proc/imager-reports")
                .contains("coordinator: --junit-report: cannot create directory /proc/imager-ci")
                .doesNotContain("--summary-json");
        assertThat(target.metrics().requestCount(Route.SUM, 200) + target.metrics().requestCount(Route.SUM, 400))
                .as("no job was sent").isEqualTo(before);
        assertThat(dir.resolve("ci")).as("the writable place was checked, and left empty").isEmptyDirectory();
    }

    @Test
    void failedThresholdsExitWithOneAndTheCiOutputsSaySo() throws Exception {
        Path junit = dir.resolve("ci/junit/imager.xml");
        Path summary = dir.resolve("ci/summary.json");
        Result r = run(local("-load-calculator", "step", "-min-rps", "10", "-max-rps", "10", "--duration", "2s",
                "--threshold", "p99<1us", "--threshold", "requests>=1000000", "--threshold", "error-rate<1%",
                "--junit-report", junit.toString(), "--summary-json", summary.toString()));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.THRESHOLDS_FAILED);
        assertThat(r.out()).contains("FAIL  p99<1us").contains("FAIL  requests>=1000000");
        String xml = Files.readString(junit);
        assertThat(xml).contains("tests=\"4\" failures=\"2\" errors=\"0\"")
                .contains("<failure type=\"ThresholdFailed\" message=\"requests&gt;=1000000: measured 20\"")
                .contains("<testcase classname=\"imager.thresholds\" name=\"error-rate&lt;1%\" time=\"0\">\n"
                        + "      <system-out>measured 0 % (0 of 20)");
        JsonNode s = new ObjectMapper().readTree(summary.toFile());
        assertThat(s.get("verdict").asText()).isEqualTo("thresholds-failed");
        assertThat(s.get("exitCode").asInt()).isEqualTo(ExitCodes.THRESHOLDS_FAILED);
        assertThat(s.get("planned").asLong()).isEqualTo(20);
        assertThat(s.get("sent").asLong()).isEqualTo(20);
        assertThat(s.get("thresholdsFailed").asInt()).isEqualTo(2);
    }

    @Test
    void invalidConfigurationExitsWithTwoAndNamesEveryProblem() {
        Result r = run("-target-mode", "url", "-target-url", "localhost:8080", "-min-rps", "-3", "--threshold", "p99<fast");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
        assertThat(r.err()).contains("-target-url").contains("-min-rps");
        Result thresholds = run(local("--threshold", "p99<fast", "--duration", "1s"));
        assertThat(thresholds.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
        assertThat(thresholds.err()).contains("--threshold 'p99<fast'");
        Result source = run(local("-request-source-type", "file", "-request-source-file", dir.resolve("none.json").toString(),
                "--duration", "1s"));
        assertThat(source.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
        assertThat(source.err()).contains("none.json");
    }

    @Test
    void noWorkersIsAnInfrastructureFailure() throws Exception {
        try (var nats = dev.imager.protocol.testing.NatsTestServer.start()) {
            Path junit = dir.resolve("junit.xml");
            Result r = run("--nats-url", nats.url(), "--worker-wait-timeout", "1s", "-target-mode", "url",
                    "-target-url", "http://127.0.0.1:1", "-request-source-type", "random-sum", "-listen-port", "0",
                    "--threshold", "p99<1s", "--junit-report", junit.toString());

            assertThat(r.exitCode()).isEqualTo(ExitCodes.INFRASTRUCTURE_FAILURE);
            assertThat(r.err()).contains("no workers").contains("saw 0");
            assertThat(r.out()).contains("no workers");
            assertThat(Files.readString(junit)).contains("errors=\"1\" skipped=\"1\"")
                    .contains("<error type=\"InfrastructureFailure\" message=\"no workers: waited 1s");
        }
    }

    @Test
    void unreachableNatsIsAnInfrastructureFailure() {
        Result r = run("--nats-url", "nats://127.0.0.1:" + dev.imager.protocol.testing.NatsTestServer.freePort(),
                "--nats-connect-timeout", "1s", "-target-mode", "url", "-target-url", "http://127.0.0.1:1",
                "-request-source-type", "random-sum", "-listen-port", "0");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.INFRASTRUCTURE_FAILURE);
        assertThat(r.err()).contains("cannot connect to NATS");
    }
}
