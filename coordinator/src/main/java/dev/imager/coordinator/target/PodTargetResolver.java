package dev.imager.coordinator.target;

import dev.imager.coordinator.config.TargetSettings;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Pod mode: sends every round to one Ready pod of the Deployment, {@code scheme://podIP:port}, and
 * keeps that pod while it stays eligible ({@link StickyPodChooser}).
 *
 * <p>{@link #start()} GETs the Deployment once (its selector is immutable in apps/v1) and lists the
 * selected pods; a {@link PodCache} refreshes that list in the background, so no call reaches the API
 * server per round. {@link #metricsPods()} is the targeted pod only: the pod that takes the load is the one whose CPU
 * matters, and polling idle siblings would only dilute the report.
 *
 * <p>Thread-safe: the chooser and {@code announced} are guarded by {@code this}; the cache is concurrent.
 */
final class PodTargetResolver extends PodBackedTargetResolver {
    private static final Logger LOG = LoggerFactory.getLogger(PodTargetResolver.class);

    private final StickyPodChooser chooser = new StickyPodChooser();
    /** The pod last named in an INFO line, so each change of target is logged exactly once. */
    private String announced;

    PodTargetResolver(TargetSettings settings, Supplier<KubernetesClient> clients, Duration refreshInterval,
                      LogSink log) {
        super("pod mode", "deployments.apps " + settings.namespace() + "/" + settings.deployment(), settings,
                clients, refreshInterval, log);
    }

    PodTargetResolver(TargetSettings settings, Supplier<KubernetesClient> clients) {
        this(settings, clients, PodCache.DEFAULT_REFRESH_INTERVAL, LogSink.slf4j(LOG));
    }

    @Override
    LabelSelector selectorOf(KubernetesClient client) throws TargetResolutionException {
        Deployment deployment = getObject(() -> client.apps().deployments().inNamespace(settings.namespace())
                .withName(settings.deployment()).get());
        LabelSelector selector = deployment.getSpec() == null ? null : deployment.getSpec().getSelector();
        if (Selectors.isEmpty(selector)) {
            throw new TargetResolutionException(objectRef + " has no selector; cannot tell which pods are its own");
        }
        return selector;
    }

    @Override
    String startedMessage(PodCache pods) {
        return pods.description() + " for " + objectRef + "; " + pods.eligible().size() + " eligible";
    }

    @Override
    public List<String> resolve() throws TargetResolutionException {
        try {
            Pod pod = targetPod();
            int port = PortSelection.containerPort(pod, settings.portName());
            return List.of(settings.effectiveScheme() + "://" + hostPort(pod.getStatus().getPodIP(), port));
        } catch (TargetResolutionException e) {
            failures.log(Level.WARN, e.getMessage());
            throw e;
        }
    }

    /** The sticky pod; fails with the reason when no pod is eligible. */
    private synchronized Pod targetPod() throws TargetResolutionException {
        PodCache c = requireStarted();
        return choose(c).orElseThrow(() -> new TargetResolutionException(
                "no eligible pod for " + objectRef + ": " + c.description() + ": " + c.ineligibleSummary()));
    }

    /**
     * Applies the sticky choice to the current cache and logs every change of target at INFO. Both
     * {@link #resolve()} and {@link #metricsPods()} come through here, so whichever notices first logs.
     */
    private Optional<Pod> choose(PodCache c) {
        StickyPodChooser.Choice choice = chooser.choose(c.eligible());
        String chosen = choice.pod().map(p -> PodRef.of(p).toString()).orElse(null);
        if (Objects.equals(chosen, announced)) {
            return choice.pod();
        }
        if (choice.replaced().isPresent()) {
            Pod gone = choice.replaced().get();
            String why = c.get(gone.getMetadata().getName())
                    .flatMap(PodEligibility::whyIneligible).orElse("deleted");
            log.log(Level.INFO, "target pod " + PodRef.of(gone) + " gone (" + why + "); "
                    + (chosen == null ? "no eligible pod left" : "now targeting " + chosen));
        } else if (chosen != null) {
            log.log(Level.INFO, "targeting pod " + chosen);
        }
        failures.reset();
        announced = chosen;
        return choice.pod();
    }

    @Override
    public synchronized List<PodRef> metricsPods() {
        PodCache c = cache();
        if (c == null) {
            return List.of();
        }
        return choose(c).map(p -> List.of(PodRef.of(p))).orElse(List.of());
    }

    @Override
    public synchronized String describe() {
        Optional<Pod> pod = chooser.current();
        if (pod.isEmpty()) {
            return "pod of " + objectRef + " (none chosen yet)";
        }
        Pod p = pod.get();
        String ip = p.getStatus() == null ? null : p.getStatus().getPodIP();
        try {
            return "pod " + PodRef.of(p) + " ("
                    + hostPort(ip, PortSelection.containerPort(p, settings.portName())) + ")";
        } catch (TargetResolutionException e) {
            return "pod " + PodRef.of(p) + " (" + ip + ", " + e.getMessage() + ")";
        }
    }

    /** {@code ip:port}, with IPv6 pod IPs in brackets as URLs require. */
    static String hostPort(String ip, int port) {
        if (ip == null || ip.isEmpty()) {
            return "no IP:" + port;
        }
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
    }
}
