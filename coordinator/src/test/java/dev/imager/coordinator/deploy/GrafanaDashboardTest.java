package dev.imager.coordinator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard's file, without Grafana: one source (deploy/grafana holds an exact copy for kustomize), a
 * well-formed layout, every query filtered by the namespace variable, every metric documented, and the panels the
 * dashboard promises. {@code GrafanaDashboardPrometheusIT} runs its queries against a real Prometheus.
 */
class GrafanaDashboardTest {

    @Test
    void theDeployCopyIsTheChartsFileByteForByte() throws IOException {
        assertThat(RepoFiles.read(RepoFiles.resolve(GrafanaDashboard.DEPLOY_FILE)))
                .isEqualTo(RepoFiles.read(RepoFiles.resolve(GrafanaDashboard.CHART_FILE)));
        JsonNode kustomization = new YAMLMapper()
                .readTree(RepoFiles.read(RepoFiles.resolve("deploy/grafana/kustomization.yaml")));
        JsonNode generator = kustomization.path("configMapGenerator").get(0);
        assertThat(generator.path("name").asText()).isEqualTo("imager-grafana-dashboard");
        assertThat(generator.path("files").get(0).asText()).isEqualTo("imager.json=imager-dashboard.json");
        assertThat(kustomization.path("generatorOptions").path("labels").path("grafana_dashboard").asText())
                .isEqualTo("1");
        assertThat(kustomization.path("generatorOptions").path("disableNameSuffixHash").asBoolean()).isTrue();
    }

    @Test
    void panelsAreLaidOutOnTheGridWithUniqueIdsAndTheDatasourceVariable() throws IOException {
        GrafanaDashboard d = GrafanaDashboard.chart();
        assertThat(d.root().path("uid").asText()).isEqualTo("imager-load-test");
        assertThat(d.root().path("templating").path("list")).extracting(v -> v.path("name").asText())
                .containsExactly("datasource", "namespace");
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : d.panels()) {
            assertThat(ids.add(panel.path("id").asInt())).as("unique id %s", panel.path("id")).isTrue();
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(panel.path("title").asText())
                    .isLessThanOrEqualTo(24);
            if (!panel.path("type").asText().equals("row")) {
                assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
                assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
                assertThat(panel.path("description").asText()).as(panel.path("title").asText()).isNotBlank();
            }
        }
    }

    @Test
    void everyQueryIsFilteredByNamespaceAndNamesOnlyDocumentedMetrics() throws IOException {
        GrafanaDashboard d = GrafanaDashboard.chart();
        Pattern anyName = Pattern.compile("\\b(imager_[a-zA-Z0-9_]+|process_[a-z_]+)\\b(.?)");
        for (String expression : d.expressions()) {
            if (!expression.startsWith("label_values(")) {
                assertThat(expression).contains("namespace=~\"$namespace\"");
            }
            Matcher m = anyName.matcher(expression);
            while (m.find()) {
                assertThat(m.group(2)).as("%s in %s: every selector has label matchers", m.group(1), expression)
                        .isIn("{", ",");
            }
        }
        String metricsDoc = RepoFiles.read(RepoFiles.resolve("docs/metrics.md"));
        for (String name : d.metricNames()) {
            // histograms are documented by their base name, the workers' JVM and process metrics as a family
            String base = name.startsWith("process_") ? "process_*" : name.replaceAll("_(bucket|count|sum)$", "");
            assertThat(metricsDoc).as("docs/metrics.md documents %s", name).contains("`" + base);
        }
    }

    @Test
    void itShowsWhatItPromises() throws IOException {
        String all = String.join("\n", GrafanaDashboard.chart().expressions());
        for (String needed : List.of("imager_coordinator_planned_rate", "imager_coordinator_achieved_rate",
                "imager_coordinator_requests_total", "outcome=\"dropped\"", "outcome=\"lost\"",
                "histogram_quantile(0.99, sum by (le) (rate(imager_duration_bucket",
                "imager_coordinator_latency_seconds", "imager_coordinator_workers", "sum by (status)",
                "imager_coordinator_send_lag_seconds", "imager_coordinator_round_completion_delay_seconds_bucket",
                "imager_orchestrator_target_pod_cpu_millicores", "imager_orchestrator_target_pod_memory_bytes")) {
            assertThat(all).as("a query with %s", needed).contains(needed);
        }
    }
}
