package dev.imager.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.protocol.message.Outcome;
import dev.imager.protocol.message.RejectReason;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MicrometerWorkerMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MicrometerWorkerMetrics metrics = new MicrometerWorkerMetrics(registry);

    @Test
    void keepsTheOriginalExecutorMetricNamesUnitsAndBuckets() {
        metrics.jobPickedUp(5);
        metrics.requestFinished(Outcome.OK, 12_700_000, 3_000_000, 2_048);
        metrics.requestFinished(Outcome.HTTP_5XX, 250_000_000, 1_000_000, 10);
        metrics.requestFinished(Outcome.TIMEOUT, 2_000_000_000L, 0, 0);
        metrics.requestFinished(Outcome.DROPPED, 0, 0, 0);

        String text = registry.scrape();

        assertThat(text).contains("imager_executor_jobs_picked_up_total 1.0");
        assertThat(text).contains("imager_executor_job_requests_total 5.0");
        // Counters exposed under their original names, without a _total suffix.
        assertThat(text).contains("imager_success 1.0").contains("imager_failed 2.0");
        // Milliseconds, truncated; every request that was sent; dropped ones never count.
        assertThat(text).contains("imager_duration_count 3").contains("imager_duration_sum 2262.0");
        assertThat(text).contains("imager_duration_bucket{le=\"15.0\"} 1");
        assertThat(text).contains("imager_successDuration_count 1").contains("imager_successDuration_sum 12.0");
        assertThat(text).contains("imager_firstByteDuration_sum 3.0");
        assertThat(text).contains("imager_responseSize_bucket{le=\"2048.0\"} 1");
        assertThat(text).contains("imager_worker_requests_total{outcome=\"dropped\"} 1.0");
        assertThat(text).contains("imager_worker_requests_total{outcome=\"timeout\"} 1.0");
        long timeBuckets = Arrays.stream(text.split("\n")).filter(l -> l.startsWith("imager_duration_bucket")).count();
        assertThat(timeBuckets).isEqualTo(196); // 195 bounds + Inf
        long sizeBuckets = Arrays.stream(text.split("\n")).filter(l -> l.startsWith("imager_responseSize_bucket")).count();
        assertThat(sizeBuckets).isEqualTo(87);
    }

    @Test
    void countsRejectionsByReasonAndExposesGauges() {
        metrics.jobRejected(RejectReason.EXPIRED);
        metrics.bindGauges(() -> 7, () -> 2, () -> 3);
        String text = registry.scrape();
        assertThat(text).contains("imager_worker_jobs_rejected_total{reason=\"expired\"} 1.0");
        assertThat(text).contains("imager_worker_inflight 7.0").contains("imager_worker_active_jobs 2.0")
                .contains("imager_worker_connections_open 3.0");
    }

    @Test
    void countsForbiddenTargetsIgnoredControlsAndWhatTheBusDropped() {
        metrics.jobRejected(RejectReason.FORBIDDEN_TARGET);
        metrics.controlRefused(ControlRefusal.OTHER_COORDINATOR);
        metrics.controlRefused(ControlRefusal.OTHER_COORDINATOR);
        metrics.bindBus(() -> 12, () -> 2);
        System.gc(); // the bus counters' state is held strongly: still readable after a collection
        String text = registry.scrape();
        assertThat(text).contains("imager_worker_jobs_rejected_total{reason=\"forbidden_target\"} 1.0");
        assertThat(text).contains("imager_worker_control_messages_ignored_total{reason=\"other_coordinator\"} 2.0");
        assertThat(text).contains("imager_worker_bus_dropped_messages_total 12.0")
                .contains("imager_worker_bus_slow_consumer_events_total 2.0");
    }

    @Test
    void legacyBucketBoundsMatchTheOriginal() {
        double[] time = LegacyBuckets.durationMillis();
        assertThat(time).hasSize(195);
        assertThat(time[0]).isEqualTo(10);
        assertThat(time[18]).isEqualTo(100);
        assertThat(time[19]).isEqualTo(125);
        assertThat(time[194]).isEqualTo(60_000);
        double[] size = LegacyBuckets.sizeBytes();
        assertThat(size).hasSize(86);
        assertThat(size[0]).isEqualTo(64);
        assertThat(size[13]).isEqualTo(524_288);
        assertThat(size[85]).isEqualTo(10_354_688);
    }
}
