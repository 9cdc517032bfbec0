package dev.imager.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.ledger.RunTotals;
import dev.imager.coordinator.run.FinishedRun;
import dev.imager.coordinator.target.PodMetricsSample;
import dev.imager.coordinator.target.PodUsage;
import dev.imager.coordinator.testing.Configs;
import dev.imager.protocol.message.RequestStats;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ReportCollectorTest {

    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void podSamplesBecomeOneSeriesPerPodInOrderOfFirstAppearance() {
        ReportCollector collector = new ReportCollector(
                Configs.parse("-target-mode", "url", "-target-url", "http://127.0.0.1:8080"), "test");
        // the same pod name in two namespaces stays two series; pods come and go between samples
        collector.onPodMetrics(new PodMetricsSample(START.plusSeconds(1),
                List.of(new PodUsage("shop", "sum-b", 100, 1000), new PodUsage("shop", "sum-a", 200, 2000))));
        collector.onPodMetrics(new PodMetricsSample(START.plusSeconds(2),
                List.of(new PodUsage("demo", "sum-b", 300, 3000), new PodUsage("shop", "sum-b", 400, 4000))));
        // a sample from before the start is clamped to t=0
        collector.onPodMetrics(new PodMetricsSample(START.minusSeconds(1),
                List.of(new PodUsage("shop", "sum-a", 500, 5000))));

        List<PodSeries> pods = collector.build(finished()).pods();

        assertThat(pods).containsExactly(
                new PodSeries("shop", "sum-b", List.of(new PodPoint(1, 100, 1000), new PodPoint(2, 400, 4000))),
                new PodSeries("shop", "sum-a", List.of(new PodPoint(1, 200, 2000), new PodPoint(0, 500, 5000))),
                new PodSeries("demo", "sum-b", List.of(new PodPoint(2, 300, 3000))));
    }

    @Test
    void aUrlTargetIsReportedInTheNormalFormTheWorkersReceived() {
        // The console summary, report.json, summary.json and the JUnit file all show settings.target: it must be
        // the URL requests went to (targets.md's normal form), as the log's "target: url ..." line has it.
        ReportCollector collector = new ReportCollector(Configs.parse("-target-mode", "url", "-target-url",
                "HTTP://127.0.0.1:80//a//b/./c/../d//?x=1"), "test");
        assertThat(collector.build(finished()).settings().target()).isEqualTo("http://127.0.0.1/a/b/d?x=1");
    }

    private static FinishedRun finished() {
        RunTotals totals = new RunTotals(0, 0, RequestStats.EMPTY, 0);
        return new FinishedRun("run", "coordinator", START, START.plusSeconds(3), "duration reached", false, false,
                totals, List.of(), OptionalDouble.empty(), "", 1, 1.0, 0);
    }
}
