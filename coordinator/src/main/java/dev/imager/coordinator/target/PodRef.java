package dev.imager.coordinator.target;

import java.util.Objects;

/** A pod by namespace and name: what the metrics poller asks metrics-server about. */
public record PodRef(String namespace, String name) {
    public PodRef {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
