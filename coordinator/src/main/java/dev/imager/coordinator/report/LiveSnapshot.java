package dev.imager.coordinator.report;

import dev.imager.coordinator.status.RunStatus;
import java.time.Instant;
import java.util.List;

/**
 * The run so far, as the live page fetches it every second ({@code GET /live/report?after=<round>}): the fields of
 * report.json, so the page draws it with the report's own script, plus the run status and where the rounds stand.
 *
 * @param runId the run
 * @param coordinatorId this coordinator
 * @param version imager's version
 * @param startedAt planned start of the first round; null before it
 * @param endedAt when this snapshot was taken
 * @param endReason the run's state so far ({@code waiting-for-workers}, {@code running}, {@code draining},
 *     {@code finished})
 * @param settings what the run was asked to do; {@code workers} is the live count now
 * @param totals the completed rounds so far, warm-up excluded
 * @param rounds completed rounds after the round asked for, in order, at most
 *     {@link LiveReport#MAX_ROUNDS_PER_SNAPSHOT}
 * @param probes the adaptive search's probes so far (the last {@link LiveReport#MAX_PROBES})
 * @param capacity the capacity found so far, or null
 * @param pods target pod samples (the last {@link LiveReport#MAX_POD_POINTS} per pod)
 * @param thresholds always empty: thresholds are judged when the run ends
 * @param status the run status, as {@code /status} serves it
 * @param firstRound the earliest round the live view still keeps (-1 when none completed): older ones are gone
 * @param more true when rounds after these are waiting: ask again at once
 */
public record LiveSnapshot(String runId, String coordinatorId, String version, Instant startedAt, Instant endedAt,
        String endReason, ReportSettings settings, ReportTotals totals, List<RoundRow> rounds, List<ProbeRow> probes,
        Capacity capacity, List<PodSeries> pods, List<ThresholdResult> thresholds, RunStatus status, long firstRound,
        boolean more) {

    public LiveSnapshot {
        rounds = List.copyOf(rounds);
        probes = List.copyOf(probes);
        pods = List.copyOf(pods);
        thresholds = List.copyOf(thresholds);
    }

    /** This snapshot as compact JSON, instants as report.json writes them. */
    public String toJson() {
        return ReportJson.compact(this);
    }
}
