package dev.imager.coordinator.target;

import dev.imager.coordinator.config.TargetSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/** Creates the {@link TargetResolver} for a run's {@link TargetSettings}. */
public final class TargetResolvers {

    private TargetResolvers() {
    }

    /**
     * The resolver for {@code settings.mode()}. The client supplier is called only by pod and service
     * resolvers, in {@link TargetResolver#start()}, so url mode never creates a Kubernetes client and
     * needs no kubeconfig. The resolver does not close the client: pass a {@link LazyKubernetesClient}
     * and close it after the resolver.
     *
     * @throws IllegalArgumentException listing every problem of {@link TargetSettings#problems()}
     */
    public static TargetResolver create(TargetSettings settings, Supplier<KubernetesClient> clients) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clients, "clients");
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid target settings: " + String.join("; ", problems));
        }
        return switch (settings.mode()) {
            case URL -> new UrlTargetResolver(settings.url());
            case POD -> new PodTargetResolver(settings, clients);
            case SERVICE -> new ServiceTargetResolver(settings, clients);
        };
    }

    /** Gets a client from the supplier, turning configuration failures into a resolution failure. */
    static KubernetesClient client(Supplier<KubernetesClient> clients) throws TargetResolutionException {
        KubernetesClient client;
        try {
            client = clients.get();
        } catch (RuntimeException e) {
            throw new TargetResolutionException("create Kubernetes client: " + e.getMessage(), e);
        }
        if (client == null) {
            throw new TargetResolutionException("create Kubernetes client: supplier returned null");
        }
        return client;
    }
}
