package dev.imager.operator.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Where the pods of one component of a run may go: the chart's {@code nodeSelector}, {@code tolerations} and
 * {@code affinity} of the coordinator or the workers, handed to the operator as one JSON flag so that the pods it
 * creates land where the release's own pods would (e.g. workers kept off the target's nodes).
 */
public record PodScheduling(Map<String, String> nodeSelector, List<Toleration> tolerations, Affinity affinity) {

    /** Anywhere the scheduler likes. */
    public static final PodScheduling NONE = new PodScheduling(Map.of(), List.of(), null);

    /** A flag value larger than this is refused: scheduling rules are a few hundred bytes. */
    static final int MAX_JSON_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public PodScheduling {
        nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
        tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
    }

    /**
     * The scheduling in {@code json} ({@code {"nodeSelector": {...}, "tolerations": [...], "affinity": {...}}},
     * each optional; empty or blank: {@link #NONE}).
     *
     * @throws IllegalArgumentException naming {@code flag} and what is wrong
     */
    public static PodScheduling parse(String json, String flag) {
        if (json == null || json.isBlank()) {
            return NONE;
        }
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_JSON_BYTES) {
            throw new IllegalArgumentException(flag + ": over " + MAX_JSON_BYTES + " bytes");
        }
        try {
            PodScheduling parsed = JSON.readValue(json, PodScheduling.class);
            return parsed == null ? NONE : parsed;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(flag + ": not {\"nodeSelector\": {...}, \"tolerations\": [...], "
                    + "\"affinity\": {...}}: " + e.getOriginalMessage(), e);
        }
    }

    /** Puts these rules on {@code pod}. */
    void applyTo(PodSpecBuilder pod) {
        if (!nodeSelector.isEmpty()) {
            pod.withNodeSelector(nodeSelector);
        }
        if (!tolerations.isEmpty()) {
            pod.withTolerations(tolerations);
        }
        if (affinity != null) {
            pod.withAffinity(affinity);
        }
    }
}
