package dev.imager.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The "Requests" section: a request file from a ConfigMap, or random-sum.
 *
 * @param type {@code file} or {@code random-sum}
 * @param configMap the ConfigMap holding the request file (type file)
 * @param randomSum the random-sum requests (type random-sum)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RequestsSpec(String type, ConfigMapFile configMap, RandomSum randomSum) {

    /**
     * A request file in a ConfigMap of the LoadTest's namespace.
     *
     * @param name the ConfigMap
     * @param key its key holding the file; absent: {@code requests.json}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ConfigMapFile(String name, String key) {
    }

    /**
     * {@code GET <path>?a=A&b=B}.
     *
     * @param path {@code -random-sum-path}
     * @param min {@code -random-sum-min}
     * @param max {@code -random-sum-max}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RandomSum(String path, Integer min, Integer max) {
    }
}
