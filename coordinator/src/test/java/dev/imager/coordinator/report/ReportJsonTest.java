package dev.imager.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportJsonTest {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    @Test
    void roundTripsEveryShapeOfReport() {
        for (RunReport report : List.of(SampleReports.small(), SampleReports.realistic(), SampleReports.empty(),
                SampleReports.staged(),
                SampleReports.hostile("</script><!-- \"quoted\" \u2028 ünïcødé {{js}}"),
                SampleReports.small().asPartial())) {
            String json = ReportJson.toJson(report);
            assertThat(ReportJson.fromJson(json)).isEqualTo(report);
            assertThat(ReportJson.fromJson(ReportJson.toCompactJson(report))).isEqualTo(report);
            // stable output: writing the parsed report gives the same bytes
            assertThat(ReportJson.toJson(ReportJson.fromJson(json))).isEqualTo(json);
        }
    }

    @Test
    void fieldNamesAreTheDocumentedSchema() throws IOException {
        JsonNode root = PLAIN.readTree(ReportJson.toJson(SampleReports.small()));
        List<String> top = new ArrayList<>();
        root.fieldNames().forEachRemaining(top::add);
        assertThat(top).containsExactly("schemaVersion", "runId", "coordinatorId", "version", "startedAt", "endedAt",
                "endReason", "settings", "totals", "rounds", "probes", "capacity", "pods", "thresholds", "partial");
        assertThat(root.get("partial").asBoolean()).isFalse();
        assertThat(root.get("schemaVersion").asInt()).isEqualTo(RunReport.SCHEMA_VERSION);
        assertThat(root.get("startedAt").asText()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(fields(root.get("totals"))).containsExactly("rounds", "notSentRounds", "planned", "sent", "ok",
                "http4xx", "http5xx", "timeout", "connectError", "otherError", "dropped", "lost", "statusCodes",
                "protocols", "bytesReceived", "durationSeconds", "plannedRate", "achievedRate", "errorRate", "latencyMs",
                "serviceTimeMs", "sendLagMs", "droppedBy");
        assertThat(fields(root.get("totals").get("latencyMs")))
                .containsExactly("p50", "p90", "p99", "p999", "max", "mean", "count");
        assertThat(root.get("totals").get("statusCodes").get("200").asLong()).isEqualTo(975);
        assertThat(root.get("totals").get("protocols").get("HTTP/2").get("200").asLong()).isEqualTo(975);
        assertThat(fields(root.get("rounds").get(0))).containsExactly("round", "t", "rate", "planned", "sent", "ok",
                "http4xx", "http5xx", "timeout", "connectError", "otherError", "dropped", "lost", "latencyMs",
                "serviceTimeMs", "sendLagP99Ms", "notSentReason", "warmup");
        assertThat(fields(root.get("settings"))).containsExactly("target", "targetMode", "loadCalculator", "minRps",
                "maxRps", "stepRps", "adaptiveMaxLatencyMs", "arrival", "roundSeconds", "requestTimeoutMs",
                "requestSource", "workers", "local", "httpVersion", "maxRedirects", "stages", "preset", "model", "users",
                "thinkTimeMs");
        assertThat(fields(root.get("probes").get(0))).containsExactly("round", "t", "rate", "p99Ms", "errorRatio",
                "timeoutRatio", "verdict", "reason", "phase");
        assertThat(fields(root.get("pods").get(0).get("points").get(0)))
                .containsExactly("t", "cpuMillicores", "memoryBytes");
        assertThat(fields(root.get("thresholds").get(0))).containsExactly("expression", "actual", "passed");
        assertThat(ReportJson.toJson(SampleReports.empty())).contains("\"capacity\" : null");
    }

    @Test
    void aPartialReportSaysSoAndOneWrittenBeforePartialReportsExistedReadsAsFinal() throws IOException {
        assertThat(PLAIN.readTree(ReportJson.toJson(SampleReports.small().asPartial())).get("partial").asBoolean())
                .isTrue();
        JsonNode older = PLAIN.readTree(ReportJson.toJson(SampleReports.small()));
        ((ObjectNode) older).remove("partial");
        assertThat(ReportJson.fromJson(older.toString())).isEqualTo(SampleReports.small());
    }

    @Test
    void readsReportsFromBeforeTheHttpFields() throws IOException {
        ObjectNode root = (ObjectNode) PLAIN.readTree(ReportJson.toJson(SampleReports.small()));
        ((ObjectNode) root.get("settings")).remove(List.of("httpVersion", "maxRedirects", "stages", "preset"));
        ((ObjectNode) root.get("totals")).remove("protocols");

        RunReport read = ReportJson.fromJson(PLAIN.writeValueAsString(root));

        assertThat(read.settings().httpVersion()).isEqualTo("1.1");
        assertThat(read.settings().maxRedirects()).isZero();
        assertThat(read.settings().stages()).isEmpty();
        assertThat(read.settings().shape()).isEmpty();
        assertThat(read.totals().protocols()).isEmpty();
        assertThat(read.totals().statusCodes()).isEqualTo(SampleReports.small().totals().statusCodes());
    }

    @Test
    void namesWhyEveryDroppedRequestWasNotSentLargestFirst() throws IOException {
        JsonNode droppedBy = PLAIN.readTree(ReportJson.toJson(SampleReports.small())).get("totals").get("droppedBy");
        assertThat(fields(droppedBy)).containsExactly("no live worker", "not sent on time");
        assertThat(droppedBy.get("no live worker").asLong()).isEqualTo(400);
        assertThat(droppedBy.get("not sent on time").asLong()).isEqualTo(7);

        ObjectNode older = (ObjectNode) PLAIN.readTree(ReportJson.toJson(SampleReports.small()));
        ((ObjectNode) older.get("totals")).remove("droppedBy");
        assertThat(ReportJson.fromJson(older.toString()).totals().droppedBy()).as("a report from before").isEmpty();

        ((ObjectNode) older.get("totals")).putObject("droppedBy").put("no live worker", 400);
        assertThatThrownBy(() -> ReportJson.fromJson(older.toString()))
                .hasMessageContaining("droppedBy adds up to 400, not dropped 407");
    }

    @Test
    void carriesTheLoadShape() throws IOException {
        JsonNode settings = PLAIN.readTree(ReportJson.toJson(SampleReports.staged())).get("settings");

        assertThat(settings.get("loadCalculator").asText()).isEqualTo("stages");
        assertThat(settings.get("preset").asText()).isEqualTo("burst");
        assertThat(settings.get("stages").asText()).startsWith("0s:100,30s:100,0s:1000,10s:1000,");
        assertThat(SampleReports.staged().settings().shape()).startsWith("preset burst: 0s:100,30s:100,");
    }

    @Test
    void readsReportsWithFieldsItDoesNotKnow() throws IOException {
        JsonNode root = PLAIN.readTree(ReportJson.toJson(SampleReports.small()));
        ((com.fasterxml.jackson.databind.node.ObjectNode) root).put("addedInAFutureVersion", 42);
        assertThat(ReportJson.fromJson(root.toString())).isEqualTo(SampleReports.small());
    }

    @Test
    void refusesReportsThatDoNotAddUp() {
        String json = ReportJson.toJson(SampleReports.small()).replaceFirst("\"planned\" : 200", "\"planned\" : 201");
        assertThatThrownBy(() -> ReportJson.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("round 2 does not add up");
        assertThatThrownBy(() -> ReportJson.fromJson("{\"startedAt\": \"yesterday\"}"))
                .hasMessageContaining("ISO-8601");
    }

    @Test
    void readErrorsNameTheFile(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("report.json");
        Files.writeString(broken, "{ not json");
        assertThatThrownBy(() -> ReportJson.read(broken)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(broken + ": not a valid imager report");
        assertThatThrownBy(() -> ReportJson.read(dir.resolve("missing.json")))
                .hasMessageStartingWith("cannot read report " + dir.resolve("missing.json"));
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
