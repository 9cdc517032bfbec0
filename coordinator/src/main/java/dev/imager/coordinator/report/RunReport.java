package dev.imager.coordinator.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the end-of-run report shows, as plain numbers and strings: the console summary, report.json
 * and report.html are all rendered from one of these. The run loop fills it; nothing here reads a clock
 * or a histogram. Field names are the report.json schema, an API for CI pipelines (docs/reports.md): add
 * fields, never rename them.
 *
 * @param runId the run's id
 * @param coordinatorId the coordinator that ran it
 * @param version imager's version
 * @param startedAt when the first round was planned to start
 * @param endedAt when the run ended
 * @param endReason why it ended: "duration reached", "interrupted (SIGINT)", "aborted", "no workers", ...
 * @param settings what was asked
 * @param totals the whole run
 * @param rounds every completed round in order
 * @param probes the adaptive search's judgements in order; empty when none ran
 * @param capacity what the adaptive search found, or null when none ran
 * @param pods target pod CPU and memory over time; empty when unknown
 * @param thresholds thresholds checked against the run, in the order given
 * @param partial true while the run goes on: the snapshot written every few seconds, which the final report
 *     replaces (a snapshot left behind means the coordinator ended without writing the final one)
 */
@JsonPropertyOrder({"schemaVersion"})
public record RunReport(String runId, String coordinatorId, String version, Instant startedAt, Instant endedAt,
        String endReason, ReportSettings settings, ReportTotals totals, List<RoundRow> rounds,
        List<ProbeRow> probes, Capacity capacity, List<PodSeries> pods, List<ThresholdResult> thresholds,
        // Absent in reports written before partial ones existed: those were final.
        @JsonSetter(nulls = Nulls.AS_EMPTY) boolean partial) {

    /** Version of the report.json schema; raised only when a field changes meaning or goes away. */
    public static final int SCHEMA_VERSION = 1;

    public RunReport {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(coordinatorId, "coordinatorId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(endReason, "endReason");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(totals, "totals");
        rounds = List.copyOf(rounds);
        probes = List.copyOf(probes);
        pods = List.copyOf(pods);
        thresholds = List.copyOf(thresholds);
    }

    /** A final report (not {@link #partial}). */
    public RunReport(String runId, String coordinatorId, String version, Instant startedAt, Instant endedAt,
            String endReason, ReportSettings settings, ReportTotals totals, List<RoundRow> rounds,
            List<ProbeRow> probes, Capacity capacity, List<PodSeries> pods, List<ThresholdResult> thresholds) {
        this(runId, coordinatorId, version, startedAt, endedAt, endReason, settings, totals, rounds, probes, capacity,
                pods, thresholds, false);
    }

    /** Written first in report.json so a reader can tell the schema before reading anything else. */
    @JsonProperty(value = "schemaVersion", access = JsonProperty.Access.READ_ONLY)
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    /** A copy with the thresholds replaced, for the run loop that evaluates them after building the report. */
    public RunReport withThresholds(List<ThresholdResult> results) {
        return new RunReport(runId, coordinatorId, version, startedAt, endedAt, endReason, settings, totals, rounds,
                probes, capacity, pods, results, partial);
    }

    /** A copy marked partial: a snapshot of a run still going on. */
    public RunReport asPartial() {
        return new RunReport(runId, coordinatorId, version, startedAt, endedAt, endReason, settings, totals, rounds,
                probes, capacity, pods, thresholds, true);
    }
}
