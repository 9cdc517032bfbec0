package dev.imager.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The "Target" section: {@code -target-mode} and what that mode needs.
 *
 * @param mode {@code pod}, {@code service} or {@code url}
 * @param url the absolute URL (url mode)
 * @param deployment the Deployment whose pods are loaded (pod mode)
 * @param service the Service (service mode)
 * @param namespace of the Deployment or Service; empty: the LoadTest's
 * @param portName container port (pod mode) or Service port (service mode); empty: the first
 * @param scheme {@code http} or {@code https} (pod and service modes)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TargetSpec(String mode, String url, String deployment, String service, String namespace,
        String portName, String scheme) {
}
