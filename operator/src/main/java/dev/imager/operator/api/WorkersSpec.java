package dev.imager.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * The workers of a run: a Deployment of {@code count} workers owned by the LoadTest, or the release's shared
 * worker fleet.
 *
 * @param count workers to start, and to wait for ({@code --min-workers})
 * @param shared true: start none, use the workers already on the bus (the chart's worker Deployment)
 * @param resources requests and limits of each worker pod; absent: the operator's default
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkersSpec(Integer count, Boolean shared, ResourceRequirements resources) {

    /** Workers when the spec names no count. */
    public static final int DEFAULT_COUNT = 1;

    public int countOrDefault() {
        return count == null ? DEFAULT_COUNT : count;
    }

    public boolean isShared() {
        return Boolean.TRUE.equals(shared);
    }
}
