package dev.imager.coordinator.target;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Service mode: every round goes to {@code scheme://<service>.<namespace>.svc:<port>}, where port is
 * the <em>service</em> port named by {@code -target-port-name}; kube-proxy spreads connections over the
 * Service's pods.
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
final class ServiceTargetResolver implements TargetResolver {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceTargetResolver.class);

    private final TargetSettings settings;
    private final Supplier<KubernetesClient> clients;
    private final LogSink log;
    private final ThrottledLog failures;
    private final String serviceRef;
    private final Duration refreshInterval;
    private volatile String url;
    private volatile PodCache cache;

    ServiceTargetResolver(TargetSettings settings, Supplier<KubernetesClient> clients, Duration refreshInterval,
                          LogSink log) {
        this.settings = settings;
        this.refreshInterval = refreshInterval;
        this.clients = clients;
        this.log = log;
        this.failures = new ThrottledLog(log);
        this.serviceRef = "services " + settings.namespace() + "/" + settings.service();
    }

    ServiceTargetResolver(TargetSettings settings, Supplier<KubernetesClient> clients) {
        this(settings, clients, PodCache.DEFAULT_REFRESH_INTERVAL, LogSink.slf4j(LOG));
    }

    @Override
    public synchronized void start() throws TargetResolutionException {
        if (cache != null) {
            return;
        }
        try {
            KubernetesClient client = TargetResolvers.client(clients);
            Service service = getService(client);
            Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
            if (Selectors.isEmpty(selector)) {
                throw new TargetResolutionException(serviceRef + " has no selector; imager cannot tell which pods"
                        + " back it (a Service with manually managed Endpoints is not supported)");
            }
            int port = PortSelection.servicePort(service, settings.portName());
            String candidate = settings.effectiveScheme() + "://" + settings.service() + "."
                    + settings.namespace() + ".svc:" + port;
            cache = PodCache.start(client, settings.namespace(), new LabelSelector(null, selector), refreshInterval, log);
            url = candidate;
        } catch (TargetResolutionException e) {
            failures.log(Level.WARN, e.getMessage());
            throw e;
        }
        log.log(Level.INFO, "service mode: targeting " + url + "; metrics from "
                + cache.description() + ", " + cache.eligible().size() + " eligible");
    }

    private Service getService(KubernetesClient client) throws TargetResolutionException {
        Service service;
        try {
            service = client.services().inNamespace(settings.namespace()).withName(settings.service()).get();
        } catch (RuntimeException e) {
            throw KubernetesErrors.translate("get", serviceRef, e);
        }
        if (service == null) {
            throw new TargetResolutionException("get " + serviceRef + ": not found");
        }
        return service;
    }

    @Override
    public List<String> resolve() throws TargetResolutionException {
        String u = url;
        if (u == null) {
            throw new TargetResolutionException("service mode for " + serviceRef + " not started");
        }
        return List.of(u);
    }

    @Override
    public List<PodRef> metricsPods() {
        PodCache c = cache;
        if (c == null) {
            return List.of();
        }
        return c.eligible().stream()
                .map(p -> new PodRef(p.getMetadata().getNamespace(), p.getMetadata().getName()))
                .toList();
    }

    @Override
    public String describe() {
        String u = url;
        return "service " + settings.namespace() + "/" + settings.service() + (u == null ? " (not started)" : " (" + u + ")");
    }

    /** Refreshes the pod list now instead of at the next tick; for tests. */
    void refresh() throws TargetResolutionException {
        PodCache c = cache;
        if (c == null) {
            throw new TargetResolutionException("service mode for " + serviceRef + " not started");
        }
        c.refresh();
    }

    @Override
    public synchronized void close() {
        if (cache != null) {
            cache.close();
        }
    }
}
