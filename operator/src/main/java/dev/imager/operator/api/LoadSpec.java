package dev.imager.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The "Load" section. Durations are Go-style text ({@code 90s}, {@code 2m}), as the flags take them; absent
 * values take the coordinator's defaults.
 *
 * @param calculator {@code -load-calculator}
 * @param minRps {@code -min-rps}
 * @param maxRps {@code -max-rps}
 * @param stepRps {@code -step-rps}
 * @param adaptiveMaxLatencyMs {@code -adaptive-max-latency-ms}
 * @param scheduleInterval {@code -schedule-interval}
 * @param jobDuration {@code -job-duration}
 * @param warmup {@code --warmup}
 * @param duration {@code --duration}: required, a LoadTest is one run that ends
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record LoadSpec(String calculator, Integer minRps, Integer maxRps, Integer stepRps,
        Integer adaptiveMaxLatencyMs, String scheduleInterval, String jobDuration, String warmup, String duration) {
}
