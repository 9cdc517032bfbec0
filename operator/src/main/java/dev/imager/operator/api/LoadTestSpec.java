package dev.imager.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What to run, in the coordinator's sections (docs/loadtest-resource.md): where the load goes, how much, which
 * requests, on which workers, and what passes.
 *
 * @param target where the load goes ({@code -target-*} flags)
 * @param load how much and how long ({@code -load-calculator}, rates, {@code --warmup}, {@code --duration})
 * @param requests which requests ({@code -request-source-*})
 * @param workers the workers that send them
 * @param thresholds {@code --threshold} expressions, e.g. {@code p99<250ms}
 * @param serviceAccountName the coordinator pod's ServiceAccount (pod and service modes read the target through
 *     the API server); empty: the operator's default
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record LoadTestSpec(
        TargetSpec target,
        LoadSpec load,
        RequestsSpec requests,
        WorkersSpec workers,
        List<String> thresholds,
        String serviceAccountName) {

    public LoadTestSpec {
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
    }
}
