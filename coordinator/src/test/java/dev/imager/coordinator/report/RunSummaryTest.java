package dev.imager.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imager.coordinator.testing.GoldenFiles;
import org.junit.jupiter.api.Test;

/** {@code --summary-json}: a golden file, and the verdict each exit code stands for. */
class RunSummaryTest {

    @Test
    void matchesTheGoldenFile() {
        GoldenFiles.assertMatches(getClass(), "summary.golden.json",
                RunSummary.of(SampleReports.small(), ExitCodes.THRESHOLDS_FAILED).toJson());
    }

    @Test
    void saysTheVerdictOfEachExitCodeAndTheNumbersOfTheReport() throws Exception {
        RunReport report = SampleReports.realistic();
        ObjectMapper json = new ObjectMapper();
        // exit code -> verdict
        assertThat(json.readTree(RunSummary.of(report, 0).toJson()).get("verdict").asText()).isEqualTo("passed");
        assertThat(json.readTree(RunSummary.of(report, 1).toJson()).get("verdict").asText())
                .isEqualTo("thresholds-failed");
        assertThat(json.readTree(RunSummary.of(report, 3).toJson()).get("verdict").asText())
                .isEqualTo("infrastructure-failure");
        assertThatThrownBy(() -> RunSummary.of(report, 2)).isInstanceOf(IllegalArgumentException.class);

        JsonNode s = json.readTree(RunSummary.of(report, 1).toJson());
        ReportTotals t = report.totals();
        assertThat(s.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(s.get("exitCode").asInt()).isEqualTo(1);
        assertThat(s.get("planned").asLong()).isEqualTo(t.planned());
        assertThat(s.get("dropped").asLong()).isEqualTo(t.dropped());
        assertThat(s.get("droppedRate").asDouble()).isEqualTo((double) t.dropped() / t.planned());
        assertThat(s.get("lostRate").asDouble()).isEqualTo((double) t.lost() / t.planned());
        assertThat(s.get("latencyMs").get("p99").asDouble()).isEqualTo(t.latencyMs().p99());
        assertThat(s.get("capacityRps").asDouble()).isEqualTo(report.capacity().rps());
        assertThat(s.get("thresholdsFailed").asLong())
                .isEqualTo(report.thresholds().stream().filter(r -> !r.passed()).count());
        assertThat(s.get("thresholds")).hasSize(report.thresholds().size());
        assertThat(json.readTree(RunSummary.of(SampleReports.empty(), 3).toJson()).get("capacityRps").isNull())
                .isTrue();
    }
}
