package dev.imager.operator;

import static dev.imager.operator.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imager.coordinator.deploy.RenderedChart;
import dev.imager.operator.api.LoadTest;
import dev.imager.operator.coordinator.CoordinatorEndpoint;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code kubectl get loadtests} output in docs/loadtest-resource.md, rendered from statuses the reconciler
 * wrote (a finished capacity search, a running smoke test) through the printer columns of the CRD the chart
 * renders, laid out as kubectl lays out a table (upper-case headers, columns three spaces apart, numbers as Go's
 * %v prints a float64, absent values empty). The ages are the one thing set by hand: they depend on the clock.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubectlGetLoadTestsIT {

    KubernetesClient client;

    @Test
    void theDocumentedOutputIsWhatTheColumnsShowForRealStatuses(@TempDir Path scratch) throws Exception {
        List<CustomResourceColumnDefinition> columns = OperatorChartIT.crdVersion(
                RenderedChart.prepare(scratch).render("rel", NS, "{}\n")).getAdditionalPrinterColumns();
        Fixtures.installCrd(client);
        try (FakeCoordinator coordinator = new FakeCoordinator()) {
            OperatorSettings settings = Fixtures.settings(coordinator.port(), false);
            LoadTestReconciler reconciler = new LoadTestReconciler(client, settings, new CoordinatorEndpoint(),
                    Clock.systemUTC());
            LoadTest capacity = OperatorChartIT.YAML.treeToValue(OperatorChartIT.documentedExample(), LoadTest.class);
            capacity.getMetadata().setNamespace(NS);
            client.resource(capacity).create();
            reconciler.reconcile(current("checkout-capacity"));
            client.resource(Fixtures.runningCoordinatorPod(current("checkout-capacity"), settings)).create();
            coordinator.serve("/status", FakeCoordinator.status("finished", 300, "steady", 200, 199.5, 40, 87.04,
                    59000, 58990, 10, 4, 199.0));
            reconciler.reconcile(current("checkout-capacity"));
            endJob("checkout-capacity");
            client.pods().inNamespace(NS).delete();
            client.resource(Fixtures.exitedCoordinatorPod(current("checkout-capacity"), settings, 0)).create();
            reconciler.reconcile(current("checkout-capacity"));

            client.resource(Fixtures.loadTest("smoke")).create();
            reconciler.reconcile(current("smoke"));
            client.resource(Fixtures.runningCoordinatorPod(current("smoke"), settings)).create();
            coordinator.serve("/status", FakeCoordinator.status("running", 12, "ramp", 100, 99.5, 8, 20.5, 1200, 1200,
                    0, 3, null));
            reconciler.reconcile(current("smoke"));
        }

        String table = table(columns, List.of(current("checkout-capacity"), current("smoke")),
                Map.of("checkout-capacity", "6m", "smoke", "40s"));

        assertThat(table).isEqualTo(documentedTable());
    }

    private String documentedTable() throws Exception {
        String doc = Files.readString(OperatorChartIT.repoRoot().resolve("docs/loadtest-resource.md"));
        Matcher m = Pattern.compile("```\\n(NAME +PHASE.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(m.find()).as("docs/loadtest-resource.md shows kubectl get loadtests").isTrue();
        return m.group(1);
    }

    /** kubectl's table: NAME, then each column; every column but the last padded to its widest cell plus three. */
    private static String table(List<CustomResourceColumnDefinition> columns, List<LoadTest> tests,
            Map<String, String> ages) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("NAME"));
        columns.forEach(c -> header.add(c.getName().toUpperCase(Locale.ROOT)));
        rows.add(header);
        for (LoadTest t : tests) {
            JsonNode json = OperatorChartIT.YAML.valueToTree(t);
            List<String> row = new ArrayList<>(List.of(t.getMetadata().getName()));
            for (CustomResourceColumnDefinition c : columns) {
                row.add(c.getType().equals("date") ? ages.get(t.getMetadata().getName()) : cell(json, c));
            }
            rows.add(row);
        }
        int[] widths = new int[header.size()];
        rows.forEach(r -> {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                line.append(i == r.size() - 1 ? r.get(i) : String.format("%-" + (widths[i] + 3) + "s", r.get(i)));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** The value at a {@code .a.b} path: numbers as Go's %v prints a float64, absent as empty. */
    private static String cell(JsonNode json, CustomResourceColumnDefinition c) {
        JsonNode v = json;
        for (String part : c.getJsonPath().substring(1).split("\\.")) {
            v = v == null ? null : v.get(part);
        }
        if (v == null || v.isNull()) {
            return "";
        }
        return v.isNumber() ? new BigDecimal(v.asText()).stripTrailingZeros().toPlainString() : v.asText();
    }

    private void endJob(String name) {
        Job job = client.batch().v1().jobs().inNamespace(NS).withName(name + "-coordinator").get();
        job.setStatus(new JobStatusBuilder().withConditions(new JobConditionBuilder().withType("Complete")
                .withStatus("True").build()).build());
        client.batch().v1().jobs().inNamespace(NS).resource(job).updateStatus();
    }

    private LoadTest current(String name) {
        return client.resources(LoadTest.class).inNamespace(NS).withName(name).get();
    }
}
