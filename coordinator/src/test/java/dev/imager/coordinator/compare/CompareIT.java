package dev.imager.coordinator.compare;

import static dev.imager.coordinator.testing.CoordinatorCli.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.report.ExitCodes;
import dev.imager.coordinator.testing.Chromium;
import dev.imager.coordinator.testing.CoordinatorCli.Result;
import dev.imager.sumservice.SumServer;
import dev.imager.sumservice.SumServiceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code imager compare} on real report files: two short local runs against sumservice, one serving in 2 ms and
 * one in 25 ms, compared through the coordinator's command and the {@code ./imager} launcher; the HTML view opened
 * in headless Chromium.
 */
class CompareIT {

    @TempDir
    static Path dir;
    static Path fast;
    static Path slow;

    /** A 6 s run at 20 rps (after 2 s of warm-up) against a sumservice answering in {@code serviceTimeMs}. */
    private static Path measure(String name, int serviceTimeMs) {
        try (SumServer target = SumServer.start(SumServiceConfig.defaults().withHost("127.0.0.1").withPort(0)
                .withSimulation(20, serviceTimeMs))) {
            Path reports = dir.resolve(name);
            Result r = run("--local-workers", "1", "-target-mode", "url", "-target-url",
                    "http://127.0.0.1:" + target.port(), "-request-source-type", "random-sum", "-listen-port", "0",
                    "--progress", "off", "-load-calculator", "step", "-min-rps", "20", "-max-rps", "20",
                    "--warmup", "2s", "--duration", "6s", "--report-dir", reports.toString());
            assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
            return reports.resolve("report.json");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void twoRuns() {
        fast = measure("fast", 2);
        slow = measure("slow", 25);
    }

    @Test
    void aSlowerTargetIsWorseBeyondNoiseAndTripsFailOn() throws Exception {
        Path html = dir.resolve("pages/compare.html");
        Result r = run("compare", fast.toString(), slow.toString(), "--fail-on", "p50>+50%", "--fail-on",
                "error-rate>+1pp", "--html", html.toString());

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.THRESHOLDS_FAILED);
        assertThat(r.out()).contains("imager compare").contains(fast.toString()).contains(slow.toString())
                .containsPattern("\\n  p50 .* worse\\n").contains("FAIL  p50>+50%: p50 changed by +")
                .doesNotContain("FAIL  error-rate").contains("comparison page: " + html);

        String dom = Chromium.dumpDom(html);
        assertThat(dom).contains("data-rendered=\"true\"");
        assertThat(rowAttributes(dom, "p50")).contains("data-beyond-noise=\"true\"")
                .contains("data-direction=\"worse\"");
        assertThat(rowAttributes(dom, "planned-rate")).contains("data-beyond-noise=\"false\"");
        for (String series : List.of("a-planned", "a-achieved", "b-planned", "b-achieved")) {
            assertThat(dom).containsPattern("<path [^>]*data-series=\"" + series + "\"[^>]* d=\"M[^\"]*L");
        }
        for (String series : List.of("a-p50", "a-p99", "b-p50", "b-p99", "a-failed", "b-unsent")) {
            assertThat(dom).contains("data-series=\"" + series + "\"");
        }
        // no adaptive search in these runs: no probe chart
        assertThat(dom).contains("data-section=\"probes\" hidden=\"\"");
        // For a look by eye.
        Path png = Path.of("target", "chromium-it", "compare", "compare.png").toAbsolutePath();
        Files.createDirectories(png.getParent());
        Chromium.run(html, png.resolveSibling("chromium.out"), "--screenshot=" + png, "--window-size=1400,2600");
        assertThat(png).exists();
    }

    @Test
    void aRunAgainstItselfPassesThroughTheLauncherToo() throws Exception {
        Result r = run("compare", fast.getParent().toString(), fast.toString(), "--fail-on", "p99>+1%");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).doesNotContain("FAIL").doesNotContainPattern("\\n  \\S.* (worse|better)\\n");

        // ./imager compare runs the same command from the coordinator jar the build made.
        Path log = dir.resolve("launcher.log");
        Process launcher = new ProcessBuilder("bash", Path.of("..", "imager").toString(), "compare", fast.toString(),
                slow.toString(), "--fail-on", "p50>+50%").redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.exitValue()).as(Files.readString(log)).isEqualTo(ExitCodes.THRESHOLDS_FAILED);
        assertThat(Files.readString(log)).contains("FAIL  p50>+50%");
    }

    @Test
    void theLauncherStartsCompareWithJavaOpts() throws Exception {
        // docs/operations.md: the launcher starts the JVM with $JAVA_OPTS (here one that prints the JVM's flags).
        Path log = dir.resolve("launcher-java-opts.log");
        ProcessBuilder builder = new ProcessBuilder("bash", Path.of("..", "imager").toString(), "compare",
                fast.toString(), fast.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        Process launcher = builder.start();
        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.exitValue()).as(Files.readString(log)).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(log)).contains("-XX:+PrintCommandLineFlags").contains("imager compare");
    }

    @Test
    void badInputExitsWithTwoAndSaysWhatIsWrong() throws Exception {
        Path notAReport = Files.writeString(dir.resolve("not-a-report.json"), "{\"runId\": 3}");
        // arguments -> what stderr says
        List<Object[]> cases = new ArrayList<>();
        cases.add(new Object[] {new String[] {"compare", fast.toString()}, "Missing required parameter: 'B'"});
        cases.add(new Object[] {new String[] {"compare", fast.toString(), dir.resolve("none.json").toString()},
            "B: " + dir.resolve("none.json") + " is not a file"});
        cases.add(new Object[] {new String[] {"compare", notAReport.toString(), fast.toString()},
            "A: " + notAReport + ": not a valid imager report"});
        cases.add(new Object[] {new String[] {"compare", fast.toString(), fast.toString(), "--fail-on", "p99>10"},
            "--fail-on 'p99>10': a latency changes by a percentage or a duration"});
        cases.add(new Object[] {new String[] {"compare", fast.toString(), fast.toString(), "--html", dir.toString()},
            "--html: \"" + dir + "\" is a directory"});
        for (Object[] c : cases) {
            Result r = run((String[]) c[0]);
            assertThat(r.exitCode()).as(String.join(" ", (String[]) c[0])).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
            assertThat(r.err()).contains((String) c[1]);
        }
        assertThat(run("compare", "--help").out()).contains("Usage: imager compare").contains("--fail-on");
    }

    /** The start tag of the comparison row of {@code metric}. */
    private static String rowAttributes(String dom, String metric) {
        Matcher m = Pattern.compile("<tr [^>]*data-metric=\"" + Pattern.quote(metric) + "\"[^>]*>").matcher(dom);
        assertThat(m.find()).as("row of %s", metric).isTrue();
        return m.group();
    }
}
