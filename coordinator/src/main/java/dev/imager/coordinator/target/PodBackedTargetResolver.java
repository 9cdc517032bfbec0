package dev.imager.coordinator.target;

import dev.imager.coordinator.config.TargetSettings;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.event.Level;

/**
 * What pod and service mode share: one Kubernetes object (a Deployment, a Service) whose selector
 * names the target's pods, read once at {@link #start()}, and a {@link PodCache} that keeps those pods
 * fresh in the background so no call reaches the API server per round.
 *
 * <p>Thread-safe: {@link #start()} and {@link #close()} are synchronized; the cache is published
 * through a volatile field, after everything {@link #selectorOf} sets.
 */
abstract class PodBackedTargetResolver implements TargetResolver {

    final TargetSettings settings;
    final LogSink log;
    final ThrottledLog failures;
    /** The object the selector comes from, as messages name it, e.g. {@code services ns/name}. */
    final String objectRef;
    private final String mode;
    private final Supplier<KubernetesClient> clients;
    private final Duration refreshInterval;
    private volatile PodCache cache;

    PodBackedTargetResolver(String mode, String objectRef, TargetSettings settings,
                            Supplier<KubernetesClient> clients, Duration refreshInterval, LogSink log) {
        this.mode = mode;
        this.objectRef = objectRef;
        this.settings = settings;
        this.clients = clients;
        this.refreshInterval = refreshInterval;
        this.log = log;
        this.failures = new ThrottledLog(log);
    }

    /** Reads the object and returns its pod selector; fails when it is missing or selects nothing. */
    abstract LabelSelector selectorOf(KubernetesClient client) throws TargetResolutionException;

    /** The INFO line logged once the pods are known. */
    abstract String startedMessage(PodCache pods);

    @Override
    public final synchronized void start() throws TargetResolutionException {
        if (cache != null) {
            return;
        }
        try {
            KubernetesClient client = TargetResolvers.client(clients);
            LabelSelector selector = selectorOf(client);
            cache = PodCache.start(client, settings.namespace(), selector, refreshInterval, log);
        } catch (TargetResolutionException e) {
            failures.log(Level.WARN, e.getMessage());
            throw e;
        }
        log.log(Level.INFO, mode + ": " + startedMessage(cache));
    }

    /** GETs {@link #objectRef} through {@code get}, naming the object and the verb when that fails. */
    final <T> T getObject(Supplier<T> get) throws TargetResolutionException {
        T object;
        try {
            object = get.get();
        } catch (RuntimeException e) {
            throw KubernetesErrors.translate("get", objectRef, e);
        }
        if (object == null) {
            throw new TargetResolutionException("get " + objectRef + ": not found");
        }
        return object;
    }

    /** The pod cache, or null before a successful {@link #start()}. */
    final PodCache cache() {
        return cache;
    }

    final PodCache requireStarted() throws TargetResolutionException {
        PodCache c = cache;
        if (c == null) {
            throw new TargetResolutionException(mode + " for " + objectRef + " not started");
        }
        return c;
    }

    /** Refreshes the pod list now instead of at the next tick; for tests. */
    final void refresh() throws TargetResolutionException {
        requireStarted().refresh();
    }

    @Override
    public final synchronized void close() {
        if (cache != null) {
            cache.close();
        }
    }
}
