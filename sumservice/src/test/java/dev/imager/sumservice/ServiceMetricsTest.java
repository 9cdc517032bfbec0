package dev.imager.sumservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ServiceMetricsTest {

    private static final long MS = 1_000_000L;

    /** Prometheus text format 0.0.4: comment lines, or name{labels} value. */
    private static final Pattern SAMPLE_LINE =
            Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*})? [-+0-9.eE]+|[-+]?Inf");

    private static List<String> lines(String text) {
        return Arrays.asList(text.split("\n"));
    }

    @Test
    void countsRequestsByPathAndStatus() {
        ServiceMetrics metrics = ServiceMetrics.withoutSimulation();
        metrics.record(Route.SUM, 200, MS);
        metrics.record(Route.SUM, 200, MS);
        metrics.record(Route.SUM, 400, MS);
        metrics.record(Route.OTHER, 404, MS);

        assertThat(metrics.requestCount(Route.SUM, 200)).isEqualTo(2);
        assertThat(metrics.requestCount(Route.SUM, 400)).isEqualTo(1);
        assertThat(metrics.requestCount(Route.HEALTHZ, 200)).isZero();
        assertThat(lines(metrics.render())).contains(
                "sumservice_requests_total{path=\"/sum\",status=\"200\"} 2",
                "sumservice_requests_total{path=\"/sum\",status=\"400\"} 1",
                "sumservice_requests_total{path=\"other\",status=\"404\"} 1",
                // known-good series exist before any request
                "sumservice_requests_total{path=\"/healthz\",status=\"200\"} 0",
                "sumservice_requests_total{path=\"/metrics\",status=\"200\"} 0");
    }

    @Test
    void histogramBucketsAreCumulativeWithInclusiveUpperBounds() {
        ServiceMetrics metrics = ServiceMetrics.withoutSimulation();
        metrics.record(Route.SUM, 200, MS / 2);       // 0.5 ms
        metrics.record(Route.SUM, 200, MS);           // exactly 1 ms: le="0.001" includes it
        metrics.record(Route.SUM, 200, 20 * MS);      // 20 ms
        metrics.record(Route.SUM, 200, 30_000 * MS);  // 30 s: only +Inf

        List<String> lines = lines(metrics.render());
        assertThat(lines).contains(
                "sumservice_request_duration_seconds_bucket{path=\"/sum\",le=\"0.001\"} 2",
                "sumservice_request_duration_seconds_bucket{path=\"/sum\",le=\"0.01\"} 2",
                "sumservice_request_duration_seconds_bucket{path=\"/sum\",le=\"0.025\"} 3",
                "sumservice_request_duration_seconds_bucket{path=\"/sum\",le=\"10\"} 3",
                "sumservice_request_duration_seconds_bucket{path=\"/sum\",le=\"+Inf\"} 4",
                "sumservice_request_duration_seconds_count{path=\"/sum\"} 4",
                "sumservice_request_duration_seconds_sum{path=\"/sum\"} 30.0215",
                "sumservice_request_duration_seconds_count{path=\"/healthz\"} 0");
        List<String> sumBuckets = lines.stream()
                .filter(l -> l.startsWith("sumservice_request_duration_seconds_bucket{path=\"/sum\""))
                .collect(Collectors.toList());
        assertThat(sumBuckets).hasSize(ServiceMetrics.BUCKET_BOUNDS_SECONDS.length + 1);
    }

    @Test
    void gaugesReadTheSimulatorState() {
        AtomicInteger inflight = new AtomicInteger(3);
        AtomicInteger queue = new AtomicInteger(42);
        ServiceMetrics metrics = new ServiceMetrics(inflight::get, queue::get, 200.0);
        assertThat(lines(metrics.render())).contains(
                "sumservice_inflight 3", "sumservice_queue_depth 42", "sumservice_simulated_capacity_rps 200");
        queue.set(0);
        assertThat(lines(metrics.render())).contains("sumservice_queue_depth 0");
        assertThat(lines(ServiceMetrics.withoutSimulation().render())).contains(
                "sumservice_inflight 0", "sumservice_queue_depth 0", "sumservice_simulated_capacity_rps 0");
    }

    @Test
    void everyFamilyHasHelpAndTypeAndEveryLineIsWellFormed() {
        ServiceMetrics metrics = ServiceMetrics.withoutSimulation();
        metrics.record(Route.METRICS, 200, 123_456);
        String text = metrics.render();
        assertThat(text).endsWith("\n");
        assertThat(lines(text)).contains(
                "# TYPE sumservice_requests_total counter",
                "# TYPE sumservice_request_duration_seconds histogram",
                "# TYPE sumservice_inflight gauge",
                "# TYPE sumservice_queue_depth gauge",
                "# TYPE sumservice_simulated_capacity_rps gauge");
        for (String family : List.of("sumservice_requests_total", "sumservice_request_duration_seconds",
                "sumservice_inflight", "sumservice_queue_depth", "sumservice_simulated_capacity_rps")) {
            assertThat(text).contains("# HELP " + family + " ");
        }
        for (String line : lines(text)) {
            if (!line.startsWith("# ")) {
                assertThat(SAMPLE_LINE.matcher(line).matches()).as(line).isTrue();
            }
        }
    }

    @Test
    void pathLabelIsBoundedToTheKnownRoutes() {
        ServiceMetrics metrics = ServiceMetrics.withoutSimulation();
        for (String path : List.of("/a", "/b", "/sum/", "/SUM", "/wp-admin")) {
            metrics.record(Route.of(path), 404, MS);
        }
        assertThat(metrics.requestCount(Route.OTHER, 404)).isEqualTo(5);
        assertThat(metrics.render()).doesNotContain("/wp-admin", "/sum/", "/SUM");
    }

    @Test
    void formatsNumbersWithoutExponents() {
        assertThat(ServiceMetrics.formatDouble(0.0025)).isEqualTo("0.0025");
        assertThat(ServiceMetrics.formatDouble(10)).isEqualTo("10");
        assertThat(ServiceMetrics.formatDouble(0.0001)).isEqualTo("0.0001");
        assertThat(ServiceMetrics.formatDouble(0)).isEqualTo("0");
    }
}
