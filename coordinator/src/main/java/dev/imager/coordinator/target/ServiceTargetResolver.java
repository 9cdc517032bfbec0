package dev.imager.coordinator.target;

import dev.imager.coordinator.config.TargetSettings;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service mode: every round goes to {@code scheme://<service>.<namespace>.svc:<port>}, where port is
 * the <em>service</em> port named by {@code -target-port-name} (the first one when none has that name, logged);
 * kube-proxy spreads connections over the Service's pods.
 *
 * <p>The URL uses the {@code .svc} form without the cluster domain, as the original did: it resolves
 * through the pod's DNS search path on any cluster, whatever its domain is. Note that kube-proxy
 * balances connections, not requests, so with keep-alive the spread over pods follows the workers'
 * connection pools.
 *
 * <p>{@link #start()} GETs the Service once and lists its pods; a {@link PodCache} keeps that list
 * fresh in the background. The pods are used only for {@link #metricsPods()}: every eligible pod the selector matches. The URL is fixed after start, and
 * {@link #resolve()} keeps returning it even when no pod is Ready: then requests fail, which is a
 * target failure the report should show, not a resolution problem.
 */
final class ServiceTargetResolver extends PodBackedTargetResolver {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceTargetResolver.class);

    /** Set by {@link #selectorOf} before the cache is published; read only once {@link #cache()} is set. */
    private String url;

    ServiceTargetResolver(TargetSettings settings, Supplier<KubernetesClient> clients, Duration refreshInterval,
                          LogSink log) {
        super("service mode", "services " + settings.namespace() + "/" + settings.service(), settings, clients,
                refreshInterval, log);
    }

    ServiceTargetResolver(TargetSettings settings, Supplier<KubernetesClient> clients) {
        this(settings, clients, PodCache.DEFAULT_REFRESH_INTERVAL, LogSink.slf4j(LOG));
    }

    @Override
    LabelSelector selectorOf(KubernetesClient client) throws TargetResolutionException {
        Service service = getObject(() -> client.services().inNamespace(settings.namespace())
                .withName(settings.service()).get());
        Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
        if (Selectors.isEmpty(selector)) {
            throw new TargetResolutionException(objectRef + " has no selector; imager cannot tell which pods"
                    + " back it (a Service with manually managed Endpoints is not supported)");
        }
        int port = PortSelection.servicePort(service, settings.portName(), log);
        url = settings.effectiveScheme() + "://" + settings.service() + "." + settings.namespace() + ".svc:" + port;
        return new LabelSelector(null, selector);
    }

    @Override
    String startedMessage(PodCache pods) {
        return "targeting " + url + "; metrics from " + pods.description() + ", " + pods.eligible().size()
                + " eligible";
    }

    @Override
    public List<String> resolve() throws TargetResolutionException {
        requireStarted();
        return List.of(url);
    }

    @Override
    public List<PodRef> metricsPods() {
        PodCache c = cache();
        if (c == null) {
            return List.of();
        }
        return c.eligible().stream().map(PodRef::of).toList();
    }

    @Override
    public String describe() {
        return "service " + settings.namespace() + "/" + settings.service()
                + (cache() == null ? " (not started)" : " (" + url + ")");
    }
}
