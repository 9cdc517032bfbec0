package dev.imager.coordinator.target;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Objects;

/** A pod by namespace and name: what the metrics poller asks metrics-server about. */
public record PodRef(String namespace, String name) {
    public PodRef {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** The namespace and name from {@code pod}'s metadata. */
    static PodRef of(Pod pod) {
        return new PodRef(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
    }

    /** {@code namespace/name}, as logs and error messages name a pod. */
    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
