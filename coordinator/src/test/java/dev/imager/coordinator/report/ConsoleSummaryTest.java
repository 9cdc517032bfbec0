package dev.imager.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.testing.GoldenFiles;
import org.junit.jupiter.api.Test;

class ConsoleSummaryTest {

    private static final String GOLDEN = "console-summary.golden.txt";

    @Test
    void matchesTheGoldenText() {
        GoldenFiles.assertMatches(getClass(), GOLDEN, ConsoleSummary.format(SampleReports.small()));
    }

    @Test
    void everyLineFitsTheWidth() {
        for (RunReport report : new RunReport[] {SampleReports.small(), SampleReports.realistic(),
            SampleReports.empty(), SampleReports.staged()}) {
            assertThat(ConsoleSummary.format(report).split("\n"))
                    .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(ConsoleSummary.WIDTH));
        }
    }

    @Test
    void aShapedRunShowsItsPresetAndEveryStageWrappedAtCommas() {
        String text = ConsoleSummary.format(SampleReports.staged());
        assertThat(text).contains("  load      stages (preset burst), uniform arrivals\n"
                + "  shape     0s:100,30s:100,0s:1000,10s:1000,0s:100,30s:100,0s:1000,10s:1000,0s:100,30s:100,0s:1000,\n"
                + "            10s:1000,0s:100,30s:100\n");
    }

    @Test
    void aClosedModelRunSaysSoAndSpeaksOfUsers() {
        String text = ConsoleSummary.format(SampleReports.closed());
        assertThat(text).contains("  model     closed, 20 users, think time 100 ms; latency is service time (no CO "
                + "correction)\n  load      step, 20..20 users, step 1\n");
        assertThat(text).contains("Rate        started ").contains("(the users' throughput)")
                .contains("from the moment a user started the request").doesNotContain("arrivals");
    }

    @Test
    void anEmptyRunSaysSoInsteadOfShowingZeros() {
        String text = ConsoleSummary.format(SampleReports.empty());
        assertThat(text)
                .contains("ended     no workers")
                .contains("  corrected     no samples")
                .contains("Status codes: none received")
                .contains("FAIL  p99<250ms  actual no data")
                .doesNotContain("Adaptive search");
    }

    @Test
    void longProbeReasonsAreCutToTheWidth() {
        RunReport r = SampleReports.hostile("x".repeat(300));
        assertThat(ConsoleSummary.format(r)).contains("x...\n");
    }

    @Test
    void listsTheMostFrequentStatusCodesFirst() {
        String text = ConsoleSummary.format(SampleReports.realistic());
        assertThat(text).contains("Status codes:  200: 24,000  503: 1,500  404: 7  429: 3\n");
    }
}
