package dev.imager.coordinator.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The short machine-readable verdict of a run ({@code --summary-json}), for a CI step that wants one number
 * without reading report.json's rounds: the verdict and exit code, the request counts, the rates, the corrected
 * latency and the thresholds. Field names are an API (docs/ci.md): add fields, never rename them.
 *
 * @param runId the run
 * @param verdict {@code passed}, {@code thresholds-failed} or {@code infrastructure-failure}
 * @param exitCode the coordinator's exit code: 0, 1 or 3 ({@link ExitCodes})
 * @param endReason why the run ended
 * @param startedAt planned start of the first round, ISO-8601 UTC
 * @param endedAt when the run ended, ISO-8601 UTC
 * @param durationSeconds length of the run, s (warm-up excluded)
 * @param target the target
 * @param planned requests planned
 * @param sent requests sent
 * @param failed sent requests that failed
 * @param dropped requests never sent
 * @param lost requests never reported
 * @param plannedRate planned / duration, requests/s
 * @param achievedRate sent / duration, requests/s
 * @param errorRate failed / sent, 0..1
 * @param droppedRate dropped / planned, 0..1
 * @param lostRate lost / planned, 0..1
 * @param latencyMs the whole run's corrected latency
 * @param capacityRps the adaptive search's capacity, or null when no search ran
 * @param thresholdsFailed how many thresholds failed
 * @param thresholds each threshold's result, in the order given
 */
@JsonPropertyOrder({"schemaVersion"})
public record RunSummary(String runId, String verdict, int exitCode, String endReason, String startedAt,
        String endedAt, double durationSeconds, String target, long planned, long sent, long failed, long dropped,
        long lost, double plannedRate, double achievedRate, double errorRate, double droppedRate, double lostRate,
        Percentiles latencyMs, Double capacityRps, long thresholdsFailed, List<ThresholdResult> thresholds) {

    /** Raised only when a field changes meaning or goes away. */
    public static final int SCHEMA_VERSION = 1;

    public RunSummary {
        thresholds = List.copyOf(thresholds);
    }

    /** Written first, so a reader can tell the schema before reading anything else. */
    @JsonProperty(value = "schemaVersion", access = JsonProperty.Access.READ_ONLY)
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    /** The summary of {@code report}, which ended with {@code exitCode}. */
    public static RunSummary of(RunReport report, int exitCode) {
        ReportTotals t = report.totals();
        String verdict = switch (exitCode) {
            case ExitCodes.OK -> "passed";
            case ExitCodes.THRESHOLDS_FAILED -> "thresholds-failed";
            case ExitCodes.INFRASTRUCTURE_FAILURE -> "infrastructure-failure";
            default -> throw new IllegalArgumentException("a run that took place ends with 0, 1 or 3, not " + exitCode);
        };
        return new RunSummary(report.runId(), verdict, exitCode, report.endReason(), report.startedAt().toString(),
                report.endedAt().toString(), t.durationSeconds(), report.settings().target(), t.planned(), t.sent(),
                t.failed(), t.dropped(), t.lost(), t.plannedRate(), t.achievedRate(), t.errorRate(),
                ratio(t.dropped(), t.planned()), ratio(t.lost(), t.planned()), t.latencyMs(),
                report.capacity() == null ? null : report.capacity().rps(),
                report.thresholds().stream().filter(r -> !r.passed()).count(), report.thresholds());
    }

    /** The summary as JSON: 2-space indent, {@code \n} line ends, ending with a newline. */
    public String toJson() {
        return ReportJson.pretty(this);
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
