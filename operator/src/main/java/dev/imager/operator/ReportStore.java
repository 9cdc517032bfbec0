package dev.imager.operator;

import dev.imager.operator.api.LoadTest;
import dev.imager.operator.coordinator.CoordinatorEndpoint;
import dev.imager.operator.coordinator.CoordinatorEndpoint.Fetched;
import dev.imager.operator.run.RunNames;
import dev.imager.operator.run.RunObjects;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Moves a finished run's report.json and report.html from its coordinator into the ConfigMap
 * {@code <loadtest>-report}, owned by the LoadTest. A ConfigMap holds at most 1 MiB: a larger report stays in
 * the coordinator's log summary only, and the status says so.
 */
final class ReportStore {

    /** What became of a report. */
    sealed interface Outcome {
        /** Stored in this ConfigMap. */
        record Stored(String configMap) implements Outcome {
        }

        /** Will never fit: reason for the status. */
        record TooLarge(String message) implements Outcome {
        }

        /** Not served (yet): try again on the next poll. */
        record NotYet(String why) implements Outcome {
        }
    }

    static final String JSON_KEY = "report.json";
    static final String HTML_KEY = "report.html";

    private final KubernetesClient client;
    private final CoordinatorEndpoint coordinator;
    private final OperatorSettings settings;

    ReportStore(KubernetesClient client, CoordinatorEndpoint coordinator, OperatorSettings settings) {
        this.client = client;
        this.coordinator = coordinator;
        this.settings = settings;
    }

    Outcome store(LoadTest test, URI base) {
        Fetched json = coordinator.report(base, "/" + JSON_KEY);
        if (json instanceof Fetched.Missing missing) {
            return new Outcome.NotYet(missing.why());
        }
        Fetched html = coordinator.report(base, "/" + HTML_KEY);
        if (html instanceof Fetched.Missing missing) {
            return new Outcome.NotYet(missing.why());
        }
        if (json instanceof Fetched.Body j && html instanceof Fetched.Body h) {
            long size = j.text().getBytes(StandardCharsets.UTF_8).length
                    + (long) h.text().getBytes(StandardCharsets.UTF_8).length;
            if (size < CoordinatorEndpoint.MAX_REPORT_BYTES - 4096) { // room for the ConfigMap's own fields
                ConfigMap map = new ConfigMapBuilder().withNewMetadata().withName(RunNames.reportConfigMap(test))
                        .withNamespace(test.getMetadata().getNamespace())
                        .withLabels(RunNames.labels(settings, test, "report"))
                        .withOwnerReferences(RunObjects.owner(test)).endMetadata()
                        .withData(Map.of(JSON_KEY, j.text(), HTML_KEY, h.text())).build();
                try {
                    client.configMaps().inNamespace(test.getMetadata().getNamespace()).resource(map).create();
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 409) { // 409: stored by an attempt whose status write was lost
                        throw e;
                    }
                }
                return new Outcome.Stored(map.getMetadata().getName());
            }
        }
        return new Outcome.TooLarge("report.json and report.html together exceed the 1 MiB of a ConfigMap: not"
                + " stored (the coordinator's log has the summary)");
    }
}
