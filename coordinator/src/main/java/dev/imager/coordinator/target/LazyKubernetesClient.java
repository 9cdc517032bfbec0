package dev.imager.coordinator.target;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.function.Supplier;

/**
 * Creates one Kubernetes client on first {@link #get()} and shares it (resolver, metrics poller);
 * {@link #close()} closes it only if it was created. This is what lets url mode run without any
 * Kubernetes configuration: nothing asks for the client, so none is built.
 *
 * <p>Thread-safe. A failed creation is not cached: the next {@code get()} tries again.
 */
public final class LazyKubernetesClient implements Supplier<KubernetesClient>, AutoCloseable {
    private final Supplier<KubernetesClient> factory;
    private KubernetesClient client;
    private boolean closed;

    public LazyKubernetesClient(Supplier<KubernetesClient> factory) {
        this.factory = factory;
    }

    @Override
    public synchronized KubernetesClient get() {
        if (closed) {
            throw new IllegalStateException("Kubernetes client already closed");
        }
        if (client == null) {
            client = factory.get();
        }
        return client;
    }

    /** Whether a client has been created (url mode: never). */
    public synchronized boolean created() {
        return client != null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close();
        }
    }
}
