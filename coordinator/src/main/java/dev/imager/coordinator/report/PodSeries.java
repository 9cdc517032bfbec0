package dev.imager.coordinator.report;

import java.util.List;
import java.util.Objects;

/**
 * CPU and memory of one target pod over the run, as metrics-server reported them.
 *
 * @param namespace the pod's namespace
 * @param pod the pod's name
 * @param points samples in time order
 */
public record PodSeries(String namespace, String pod, List<PodPoint> points) {

    public PodSeries {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(pod, "pod");
        points = List.copyOf(points);
    }
}
