package dev.imager.coordinator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Grafana dashboard the chart ships (its one source) and the copy in deploy/grafana, read for the tests: its
 * PromQL expressions, and the metric names they select.
 */
final class GrafanaDashboard {

    static final String CHART_FILE = "charts/imager/dashboards/imager.json";
    static final String DEPLOY_FILE = "deploy/grafana/imager-dashboard.json";

    /** A metric selector: a name right before its label matchers (every selector in the dashboard has some). */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

    private final JsonNode root;

    private GrafanaDashboard(JsonNode root) {
        this.root = root;
    }

    static GrafanaDashboard chart() throws IOException {
        return new GrafanaDashboard(new ObjectMapper().readTree(RepoFiles.read(RepoFiles.resolve(CHART_FILE))));
    }

    JsonNode root() {
        return root;
    }

    /** Every panel, rows included, in order. */
    List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        root.path("panels").forEach(panels::add);
        return panels;
    }

    /** Every PromQL expression: the panels' queries and the template variables' queries. */
    List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : panels()) {
            panel.path("targets").forEach(t -> expressions.add(t.path("expr").asText()));
        }
        root.path("templating").path("list").forEach(v -> {
            if (v.path("type").asText().equals("query")) {
                expressions.add(v.path("query").path("query").asText());
            }
        });
        return expressions;
    }

    /** The metric names the expressions select (a label_values() query names its metric as an argument). */
    Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions()) {
            Matcher m = SELECTOR.matcher(expression);
            while (m.find()) {
                names.add(m.group(1));
            }
            Matcher values = Pattern.compile("label_values\\(([a-zA-Z_:][a-zA-Z0-9_:]*)").matcher(expression);
            while (values.find()) {
                names.add(values.group(1));
            }
        }
        return names;
    }
}
