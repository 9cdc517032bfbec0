package dev.imager.operator;

import dev.imager.coordinator.status.RunStatus;
import dev.imager.operator.api.LoadTestStatus;
import java.util.Locale;

/** The coordinator's {@code /status} in a LoadTest's status, and the one-line texts made of it. */
final class StatusSummary {

    private StatusSummary() {
    }

    /** Copies the run's numbers into {@code status}, rates and latencies to one decimal. */
    static void copy(RunStatus run, LoadTestStatus status) {
        status.runId = run.runId();
        status.coordinatorState = run.state();
        status.round = run.round() < 0 ? null : run.round();
        status.calculatorPhase = run.phase() == null || run.phase().isEmpty() ? null : run.phase();
        status.plannedRate = tenth(run.plannedRate());
        status.achievedRate = tenth(run.achievedRate());
        status.p50Ms = tenth(run.p50Ms());
        status.p99Ms = tenth(run.p99Ms());
        status.outcomes = new LoadTestStatus.Outcomes(run.planned(), run.sent(), run.ok(), run.failed(), run.dropped(),
                run.lost());
        status.liveWorkers = run.liveWorkers();
        status.capacityRps = run.capacityRps() == null ? null : tenth(run.capacityRps());
    }

    /** While it runs: "round 12 (ramp): 160.0 rps planned, 159.8 achieved, p99 41.2 ms, 3 workers". */
    static String progress(RunStatus run) {
        if ("waiting-for-workers".equals(run.state())) {
            return "waiting for workers: " + run.liveWorkers() + " live";
        }
        return String.format(Locale.ROOT, "round %d%s: %.1f rps planned, %.1f achieved, p99 %.1f ms, %d workers",
                run.round(), run.phase() == null || run.phase().isEmpty() ? "" : " (" + run.phase() + ")",
                run.plannedRate(), run.achievedRate(), run.p99Ms(), run.liveWorkers());
    }

    /** At the end: "capacity 199.0 rps; 12000 planned: 11990 ok, 10 failed, 0 dropped, 0 lost; p99 87.0 ms". */
    static String summary(LoadTestStatus s) {
        StringBuilder b = new StringBuilder();
        if (s.capacityRps != null) {
            b.append(String.format(Locale.ROOT, "capacity %.1f rps; ", s.capacityRps));
        }
        if (s.outcomes != null) {
            LoadTestStatus.Outcomes o = s.outcomes;
            b.append(String.format(Locale.ROOT, "%d planned: %d ok, %d failed, %d dropped, %d lost; ", o.planned(),
                    o.ok(), o.failed(), o.dropped(), o.lost()));
        }
        if (s.p99Ms != null) {
            b.append(String.format(Locale.ROOT, "last round p99 %.1f ms; ", s.p99Ms));
        }
        b.append(Verdict.describe(s.exitCode));
        return b.toString();
    }

    private static double tenth(double v) {
        return Double.isFinite(v) ? Math.round(v * 10) / 10.0 : 0;
    }
}
