package dev.imager.coordinator.target;

import java.util.Objects;

/**
 * CPU and memory of one pod as metrics-server last measured them, summed over its containers.
 *
 * @param cpuMillicores sum of container CPU usage, each container rounded up to a whole millicore
 * @param memoryBytes   sum of container working-set memory in bytes
 */
public record PodUsage(String namespace, String pod, long cpuMillicores, long memoryBytes) {
    public PodUsage {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(pod, "pod");
    }
}
