package dev.imager.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * A LoadTest's status subresource, written by the controller only. Numbers come from the coordinator's
 * {@code /status} (docs/operations.md#status) while the run lasts; the end fills the verdict and the report's
 * place. A plain value holder: the controller copies, changes and writes it back whole.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class LoadTestStatus {

    /** {@link Phase} name. */
    public String phase;
    /** Why the phase is what it is, one CamelCase word (InvalidSpec, ThresholdsFailed, ...). */
    public String reason;
    /** What a human needs to know about the phase. */
    public String message;
    /** The spec generation this status describes. */
    public Long observedGeneration;
    /** When the coordinator Job was created, and when the run ended (RFC 3339). */
    public String startTime;
    public String completionTime;
    /** The coordinator's run id and state ({@code waiting-for-workers}, {@code running}, ...). */
    public String runId;
    public String coordinatorState;
    /** The round planned last and the load calculator's phase. */
    public Long round;
    public String calculatorPhase;
    /** Planned rate of the round planned last, achieved rate of the round completed last (rps). */
    public Double plannedRate;
    public Double achievedRate;
    /** Corrected latency percentiles of the round completed last (ms). */
    public Double p50Ms;
    public Double p99Ms;
    /** Every request of the run so far, by outcome. */
    public Outcomes outcomes;
    /** Live workers. */
    public Integer liveWorkers;
    /** Highest sustainable rate found by an adaptive search (rps). */
    public Double capacityRps;
    /** {@code Passed}, {@code Failed} or {@code None} (no thresholds); set when the run ends. */
    public String thresholds;
    /** The coordinator's exit code (0 passed, 1 thresholds failed, 2 invalid configuration, 3 infrastructure). */
    public Integer exitCode;
    /** The ConfigMap holding report.json and report.html, once stored. */
    public String reportConfigMap;

    /**
     * Requests by outcome: planned = ok + failed + dropped + lost.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Outcomes(long planned, long sent, long ok, long failed, long dropped, long lost) {
    }

    /** A copy to change: the informer's cached object is never modified. */
    public LoadTestStatus copy() {
        LoadTestStatus c = new LoadTestStatus();
        c.phase = phase;
        c.reason = reason;
        c.message = message;
        c.observedGeneration = observedGeneration;
        c.startTime = startTime;
        c.completionTime = completionTime;
        c.runId = runId;
        c.coordinatorState = coordinatorState;
        c.round = round;
        c.calculatorPhase = calculatorPhase;
        c.plannedRate = plannedRate;
        c.achievedRate = achievedRate;
        c.p50Ms = p50Ms;
        c.p99Ms = p99Ms;
        c.outcomes = outcomes;
        c.liveWorkers = liveWorkers;
        c.capacityRps = capacityRps;
        c.thresholds = thresholds;
        c.exitCode = exitCode;
        c.reportConfigMap = reportConfigMap;
        return c;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LoadTestStatus s)) {
            return false;
        }
        return Objects.equals(phase, s.phase) && Objects.equals(reason, s.reason) && Objects.equals(message, s.message)
                && Objects.equals(observedGeneration, s.observedGeneration) && Objects.equals(startTime, s.startTime)
                && Objects.equals(completionTime, s.completionTime) && Objects.equals(runId, s.runId)
                && Objects.equals(coordinatorState, s.coordinatorState) && Objects.equals(round, s.round)
                && Objects.equals(calculatorPhase, s.calculatorPhase) && Objects.equals(plannedRate, s.plannedRate)
                && Objects.equals(achievedRate, s.achievedRate) && Objects.equals(p50Ms, s.p50Ms)
                && Objects.equals(p99Ms, s.p99Ms) && Objects.equals(outcomes, s.outcomes)
                && Objects.equals(liveWorkers, s.liveWorkers) && Objects.equals(capacityRps, s.capacityRps)
                && Objects.equals(thresholds, s.thresholds) && Objects.equals(exitCode, s.exitCode)
                && Objects.equals(reportConfigMap, s.reportConfigMap);
    }

    @Override
    public int hashCode() {
        return Objects.hash(phase, reason, round, runId, exitCode);
    }
}
