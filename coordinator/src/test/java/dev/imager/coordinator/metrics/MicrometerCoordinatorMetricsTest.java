package dev.imager.coordinator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.ledger.CompletedRound;
import dev.imager.coordinator.registry.WorkerLiveness;
import dev.imager.protocol.latency.LatencySnapshot;
import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.message.RequestStats;
import dev.imager.protocol.testing.GarbageCollection;
import dev.imager.coordinator.target.PodUsage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class MicrometerCoordinatorMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MicrometerCoordinatorMetrics metrics = new MicrometerCoordinatorMetrics(registry);

    @Test
    void theClosedModelPlansUsersNotARate() {
        assertThat(registry.scrape()).doesNotContain("imager_coordinator_planned_users")
                .doesNotContain("imager_coordinator_capacity_users");
        metrics.roundPlannedUsers(20);
        metrics.phase("search", OptionalDouble.of(16));
        String scrape = registry.scrape();
        assertThat(scrape).contains("imager_coordinator_planned_users 20.0").contains("imager_coordinator_capacity_users 16.0")
                .contains("imager_coordinator_planned_rate NaN").contains("imager_coordinator_capacity_rate NaN");
    }

    @Test
    void keepsTheOriginalOrchestratorNamesAndAddsClusterLevelOnes() {
        metrics.workers(Map.of(WorkerLiveness.LIVE, 3, WorkerLiveness.DRAINING, 1, WorkerLiveness.MISSING, 0, WorkerLiveness.GONE, 2));
        metrics.roundPlanned(250, 250);
        metrics.jobDispatched(100);
        metrics.jobDispatched(150);
        metrics.roundNotSent("no live worker");
        CompletedRound round = round();
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

    @Test
    void everyGaugeStillReadsItsStateAfterAGarbageCollection() {
        // Only the registry refers to the metrics object and its state: what a weak gauge loses.
        PrometheusMeterRegistry own = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MicrometerCoordinatorMetrics unreferenced = new MicrometerCoordinatorMetrics(own);
        unreferenced.workers(Map.of(WorkerLiveness.LIVE, 3, WorkerLiveness.DRAINING, 0, WorkerLiveness.MISSING, 0,
                WorkerLiveness.GONE, 0));
        unreferenced.roundPlanned(250, 250);
        unreferenced.roundCompleted(round(), 1.0, 0.4);
        unreferenced.phase("search", OptionalDouble.of(240));
        unreferenced.targetPods(List.of(new PodUsage("default", "sum-1", 120, 64L << 20)));
        unreferenced = null;

        GarbageCollection.collect();

        List<Gauge> gauges = own.getMeters().stream().filter(m -> m instanceof Gauge).map(m -> (Gauge) m).toList();
        assertThat(gauges).hasSizeGreaterThan(15)
                .allSatisfy(g -> assertThat(g.value()).as(g.getId().toString()).isNotNaN());
        assertThat(own.get("imager.orchestrator.registered.executors").gauge().value()).isEqualTo(3);
        assertThat(own.get("imager.coordinator.capacity.rate").gauge().value()).isEqualTo(240);
        assertThat(own.get("imager.coordinator.planned.rate").gauge().value()).isEqualTo(250);
    }

    /** Round 4: 250 planned, 246 sent (240 ok), 2 dropped, 2 lost. */
    private static CompletedRound round() {
        RequestStats stats = new RequestStats(new OutcomeCounts(240, 3, 2, 1, 0, 0, 2), Map.of(200, 240L), 1_000,
                LatencySnapshot.ofMicros(10_000, 20_000, 30_000), LatencySnapshot.ofMicros(5_000, 6_000, 7_000),
                LatencySnapshot.ofMicros(10));
        return new CompletedRound(4, 250, 0, 250, 2, stats, 2, null, false);
    }
}
