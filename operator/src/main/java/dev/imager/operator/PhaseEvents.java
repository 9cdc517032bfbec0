package dev.imager.operator;

import dev.imager.operator.api.LoadTest;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events on a LoadTest, one per phase change ({@code kubectl describe loadtest} lists them). An Event
 * that cannot be written is logged, never retried: it must not hold up the run.
 */
final class PhaseEvents {

    private static final Logger LOG = LoggerFactory.getLogger(PhaseEvents.class);
    static final String SOURCE = "imager-operator";

    private final KubernetesClient client;

    PhaseEvents(KubernetesClient client) {
        this.client = client;
    }

    /** Records {@code reason}: {@code message} on {@code test}; {@code warning} for failures. */
    void record(LoadTest test, boolean warning, String reason, String message, Instant now) {
        String time = now.toString();
        String name = test.getMetadata().getName() + "." + Long.toHexString(now.toEpochMilli())
                + reason.toLowerCase(Locale.ROOT);
        try {
            client.v1().events().inNamespace(test.getMetadata().getNamespace()).resource(new EventBuilder()
                    .withNewMetadata().withName(name).withNamespace(test.getMetadata().getNamespace()).endMetadata()
                    .withNewInvolvedObject().withApiVersion(LoadTest.API_VERSION).withKind("LoadTest")
                    .withName(test.getMetadata().getName()).withNamespace(test.getMetadata().getNamespace())
                    .withUid(test.getMetadata().getUid()).endInvolvedObject()
                    .withType(warning ? "Warning" : "Normal").withReason(reason)
                    .withMessage(message.length() > 1000 ? message.substring(0, 1000) + "..." : message)
                    .withFirstTimestamp(time).withLastTimestamp(time).withCount(1)
                    .withNewSource().withComponent(SOURCE).endSource().build()).create();
        } catch (KubernetesClientException e) {
            LOG.warn("event {} on loadtest {}: {}", reason, test.getMetadata().getName(), e.getMessage());
        }
    }
}
