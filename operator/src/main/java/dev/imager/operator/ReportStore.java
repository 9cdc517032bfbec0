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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Moves a finished run's report.json and report.html from its coordinator into the ConfigMap
 * {@code <loadtest>-report}, owned by the LoadTest. A ConfigMap holds at most 1 MiB: a report that fits goes in as
 * text ({@code data}: report.json, report.html); a larger one gzip-compressed ({@code binaryData}: report.json.gz,
 * report.html.gz; a long run's rows compress about tenfold); one that does not fit even so stays in the
 * coordinator's log summary only, and the status says so.
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
    static final String GZIP_SUFFIX = ".gz";
    /** What a ConfigMap's data may take: its 1 MiB less room for its own fields. */
    static final int MAX_CONFIG_MAP_DATA = 1024 * 1024 - 4096;

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
            ConfigMapBuilder map = new ConfigMapBuilder().withNewMetadata().withName(RunNames.reportConfigMap(test))
                    .withNamespace(test.getMetadata().getNamespace())
                    .withLabels(RunNames.labels(settings, test, "report"))
                    .withOwnerReferences(RunObjects.owner(test)).endMetadata();
            byte[] jsonBytes = j.text().getBytes(StandardCharsets.UTF_8);
            byte[] htmlBytes = h.text().getBytes(StandardCharsets.UTF_8);
            if ((long) jsonBytes.length + htmlBytes.length <= MAX_CONFIG_MAP_DATA) {
                return create(test, map.withData(Map.of(JSON_KEY, j.text(), HTML_KEY, h.text())).build());
            }
            // binaryData is base64 in the API: 4 bytes for every 3.
            String jsonGz = Base64.getEncoder().encodeToString(gzip(jsonBytes));
            String htmlGz = Base64.getEncoder().encodeToString(gzip(htmlBytes));
            if ((long) jsonGz.length() + htmlGz.length() <= MAX_CONFIG_MAP_DATA) {
                return create(test, map.withBinaryData(Map.of(JSON_KEY + GZIP_SUFFIX, jsonGz, HTML_KEY + GZIP_SUFFIX,
                        htmlGz)).build());
            }
        }
        return new Outcome.TooLarge("report.json and report.html together exceed the 1 MiB of a ConfigMap even"
                + " gzip-compressed (or one is over " + CoordinatorEndpoint.MAX_REPORT_BYTES / (1024 * 1024)
                + " MiB): not stored (the coordinator's log has the summary)");
    }

    private Outcome create(LoadTest test, ConfigMap map) {
        try {
            client.configMaps().inNamespace(test.getMetadata().getNamespace()).resource(map).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) { // 409: stored by an attempt whose status write was lost
                throw e;
            }
        }
        return new Outcome.Stored(map.getMetadata().getName());
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 8 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip in memory", e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }
}
