package dev.imager.coordinator.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * The chart test support of the coordinator's test-jar (package-private there: {@link ImagerChart}, {@link Helm},
 * {@link Manifests}), opened to the operator's tests: charts/imager rendered by a real {@code helm template} and
 * parsed strictly into fabric8's model.
 */
public final class RenderedChart {

    private final String yaml;
    private final Manifests manifests;

    private RenderedChart(String yaml, Manifests manifests) {
        this.yaml = yaml;
        this.manifests = manifests;
    }

    /** A copy of the chart under {@code scratch}, ready to render (fails the test without helm, saying how to get it). */
    public static Chart prepare(Path scratch) throws IOException, URISyntaxException {
        return new Chart(ImagerChart.prepare(scratch));
    }

    /** The chart a test class's {@link PreparedChart} prepared; from its tests or {@code @BeforeAll} methods. */
    public static Chart of(PreparedChart prepared) {
        return new Chart(prepared.chart());
    }

    /** The prepared chart. */
    public static final class Chart {
        private final ImagerChart chart;

        private Chart(ImagerChart chart) {
            this.chart = chart;
        }

        /** {@code helm template <release> --namespace <namespace>} with {@code values}, parsed. */
        public RenderedChart render(String release, String namespace, String values) throws IOException {
            String yaml = chart.template(release, namespace, values);
            return new RenderedChart(yaml, Manifests.parse(yaml, "helm template " + release));
        }

        /** What helm says when it refuses {@code values}. */
        public String refused(String values) throws IOException {
            return chart.refused(values);
        }
    }

    /** The rendered text. */
    public String yaml() {
        return yaml;
    }

    /** Every rendered object of {@code type}. */
    public <T extends HasMetadata> List<T> all(Class<T> type) {
        return manifests.all(type);
    }

    /** The rendered object of {@code type} named {@code name}; fails the test when there is none. */
    public <T extends HasMetadata> T get(Class<T> type, String name) {
        return manifests.get(type, name);
    }
}
