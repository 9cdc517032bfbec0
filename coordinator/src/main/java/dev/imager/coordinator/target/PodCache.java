package dev.imager.coordinator.target;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The pods matching a label selector in one namespace, kept current by a fabric8 informer (one LIST,
 * then a WATCH). Reads are served from the informer's in-memory store, which is why
 * {@link TargetResolver#resolve()} makes no API call per round. Needs {@code list} and {@code watch}
 * on core {@code pods} in the namespace, nothing cluster-wide.
 *
 * <p>Thread-safe: the informer's store is concurrent and the informer reference is final.
 */
final class PodCache implements AutoCloseable {
    /** How long {@link #start} waits for the first LIST before giving up. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** No periodic resync: the watch delivers every change and the cache is only read. */
    private static final long NO_RESYNC = 0L;
    /** Bound on pods named in one message. */
    private static final int MAX_LISTED = 5;

    private final SharedIndexInformer<Pod> informer;
    private final String description;

    private PodCache(SharedIndexInformer<Pod> informer, String description) {
        this.informer = informer;
        this.description = description;
    }

    /** Starts an informer on pods matching {@code selector} and waits for its first LIST. */
    static PodCache start(KubernetesClient client, String namespace, LabelSelector selector)
            throws TargetResolutionException {
        return start(namespace, Selectors.text(selector),
                () -> client.pods().inNamespace(namespace).withLabelSelector(selector).runnableInformer(NO_RESYNC));
    }

    /** Same, for a Service's equality-only selector. */
    static PodCache start(KubernetesClient client, String namespace, Map<String, String> labels)
            throws TargetResolutionException {
        return start(namespace, Selectors.text(labels),
                () -> client.pods().inNamespace(namespace).withLabels(labels).runnableInformer(NO_RESYNC));
    }

    private static PodCache start(String namespace, String selectorText,
                                  Supplier<SharedIndexInformer<Pod>> informers)
            throws TargetResolutionException {
        String description = "pods in " + namespace + " (selector " + selectorText + ")";
        SharedIndexInformer<Pod> informer;
        try {
            informer = informers.get();
        } catch (RuntimeException e) {
            throw KubernetesErrors.translate("list", description, e);
        }
        CompletableFuture<Void> started = informer.start().toCompletableFuture();
        try {
            started.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            informer.stop();
            throw KubernetesErrors.translate("list", description, e);
        } catch (TimeoutException e) {
            informer.stop();
            throw new TargetResolutionException("list " + description + ": no answer within " + START_TIMEOUT, e);
        } catch (InterruptedException e) {
            informer.stop();
            Thread.currentThread().interrupt();
            throw new TargetResolutionException("list " + description + ": interrupted", e);
        }
        return new PodCache(informer, description);
    }

    /** Every pod the selector matches right now, eligible or not, sorted by name. */
    List<Pod> all() {
        return informer.getStore().list().stream()
                .sorted(Comparator.comparing((Pod p) -> p.getMetadata().getName()))
                .toList();
    }

    /** Pods that may receive load (see {@link PodEligibility}), sorted by name. */
    List<Pod> eligible() {
        return all().stream().filter(PodEligibility::isEligible).toList();
    }

    /** The pod named {@code name}, if the selector still matches it. */
    Optional<Pod> get(String namespace, String name) {
        return Optional.ofNullable(informer.getStore().getByKey(namespace + "/" + name));
    }

    /**
     * Fails when the informer has given up (its watch can no longer be re-established and fabric8's
     * exception handler stopped it), so rounds are not served from a cache that no longer updates.
     */
    void checkRunning() throws TargetResolutionException {
        CompletableFuture<Void> stopped = informer.stopped().toCompletableFuture();
        if (stopped.isCompletedExceptionally()) {
            try {
                stopped.join();
            } catch (RuntimeException e) {
                throw KubernetesErrors.translate("watch", description, e);
            }
        }
        if (!informer.isRunning()) {
            throw new TargetResolutionException("watch " + description + ": informer stopped");
        }
    }

    /** e.g. {@code pods in imagerdemo (selector app=sumservice)}. */
    String description() {
        return description;
    }

    /** One line listing why each matched pod is not eligible, for "no eligible pod" errors. */
    String ineligibleSummary() {
        List<Pod> pods = all();
        if (pods.isEmpty()) {
            return "no pod matches";
        }
        StringBuilder sb = new StringBuilder(pods.size() + " matched, none eligible (");
        int shown = 0;
        for (Pod p : pods) {
            if (shown == MAX_LISTED) {
                sb.append(", ...");
                break;
            }
            if (shown > 0) {
                sb.append(", ");
            }
            sb.append(p.getMetadata().getName()).append(": ")
                    .append(PodEligibility.whyIneligible(p).orElse("eligible"));
            shown++;
        }
        return sb.append(")").toString();
    }

    @Override
    public void close() {
        informer.stop();
    }
}
