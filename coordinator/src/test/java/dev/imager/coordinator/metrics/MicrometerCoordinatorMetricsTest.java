package dev.imager.coordinator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.ledger.CompletedRound;
import dev.imager.coordinator.registry.WorkerLiveness;
import dev.imager.protocol.latency.LatencySnapshot;
import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.message.RequestStats;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class MicrometerCoordinatorMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MicrometerCoordinatorMetrics metrics = new MicrometerCoordinatorMetrics(registry);

    @Test
    void keepsTheOriginalOrchestratorNamesAndAddsClusterLevelOnes() {
        metrics.workers(Map.of(WorkerLiveness.LIVE, 3, WorkerLiveness.DRAINING, 1, WorkerLiveness.MISSING, 0, WorkerLiveness.GONE, 2));
        metrics.roundPlanned(250, 250);
        metrics.jobDispatched(100);
        metrics.jobDispatched(150);
        metrics.roundNotSent("no live worker");
        RequestStats stats = new RequestStats(new OutcomeCounts(240, 3, 2, 1, 0, 0, 2), Map.of(200, 240L), 1_000,
                LatencySnapshot.ofMicros(10_000, 20_000, 30_000), LatencySnapshot.ofMicros(5_000, 6_000, 7_000),
                LatencySnapshot.ofMicros(10));
        CompletedRound round = new CompletedRound(4, 250, 0, 250, 2, stats, 2, null, false);
        metrics.roundCompleted(round, 1.0, 0.4);
        metrics.phase("search", OptionalDouble.of(240));

        String text = registry.scrape();

        // The original's names, exactly.
        assertThat(text).contains("imager_orchestrator_registered_executors 3.0")
                .contains("imager_orchestrator_jobs_dispatched_total 2.0")
                .contains("imager_orchestrator_job_requests_total 250.0");
        // Cluster-level ones.
        assertThat(text).contains("imager_coordinator_planned_rate 250.0")
                .contains("imager_coordinator_achieved_rate 246.0")
                .contains("imager_coordinator_workers{status=\"gone\"} 2.0")
                .contains("imager_coordinator_requests_total{outcome=\"ok\"} 240.0")
                .contains("imager_coordinator_requests_total{outcome=\"lost\"} 2.0")
                .contains("imager_coordinator_requests_total{outcome=\"dropped\"} 2.0")
                .contains("imager_coordinator_rounds_total{result=\"not_sent\"} 1.0")
                .contains("imager_coordinator_phase{phase=\"search\"} 1.0")
                .contains("imager_coordinator_phase{phase=\"ramp\"} 0.0")
                .contains("imager_coordinator_capacity_rate 240.0")
                .contains("imager_coordinator_round_completion_delay_seconds_count 1");
        assertThat(text).containsPattern("imager_coordinator_latency_seconds\\{quantile=\"0.99\"} 0\\.030");
        assertThat(text).containsPattern("imager_coordinator_service_time_seconds\\{quantile=\"0.5\"} 0\\.006");
        assertThat(text).containsPattern("imager_coordinator_send_lag_seconds\\{quantile=\"1\"} 1\\.0E-5");
    }
}
