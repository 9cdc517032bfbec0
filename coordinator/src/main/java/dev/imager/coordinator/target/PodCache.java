package dev.imager.coordinator.target;

import dev.imager.protocol.DaemonThreadFactory;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.event.Level;

/**
 * The pods matching a label selector in one namespace, refreshed by a LIST every
 * {@link #DEFAULT_REFRESH_INTERVAL} on a background thread. Reads return the last snapshot, which is
 * why {@link TargetResolver#resolve()} makes no API call per round.
 *
 * <p>Why a periodic LIST and not an informer: it needs only {@code list} on pods (no {@code watch}),
 * holds no long-lived connection, and each refresh stands alone, so a failure is visible and the next
 * refresh recovers. The cost is one small LIST every two seconds and up to two seconds before a pod
 * that stopped being Ready is dropped; readiness probes themselves take longer than that to notice.
 *
 * <p>When a refresh fails the last good snapshot stays in use (the pods most likely still exist; an
 * API-server hiccup should not stop a load test) and the failure is logged at most once a minute.
 *
 * <p>Thread-safe: each refresh publishes the matched pods and the eligible subset together as one
 * immutable {@link Snapshot} behind a volatile reference, so a reader never sees one list from one
 * refresh and the other from the next.
 */
final class PodCache implements AutoCloseable {
    /** How often the pod list is refreshed. */
    static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(2);
    /** Name of the refresh thread. */
    static final String THREAD_NAME = "imager-target-pods";
    /** Bound on pods named in one message. */
    private static final int MAX_LISTED = 5;

    private final Supplier<PodList> lister;
    private final LabelSelector selector;
    private final String description;
    private final ThrottledLog failures;
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private ScheduledExecutorService executor;

    private PodCache(Supplier<PodList> lister, LabelSelector selector, String description, LogSink log) {
        this.lister = lister;
        this.selector = selector;
        this.description = description;
        this.failures = new ThrottledLog(log);
    }

    /**
     * Lists the pods once (failing with {@code list pods in <ns> (selector ...): <reason>}) and then
     * keeps refreshing them every {@code interval} until closed.
     */
    static PodCache start(KubernetesClient client, String namespace, LabelSelector selector, Duration interval,
                          LogSink log) throws TargetResolutionException {
        String description = "pods in " + namespace + " (selector " + Selectors.text(selector) + ")";
        PodCache cache = new PodCache(
                () -> client.pods().inNamespace(namespace).withLabelSelector(selector).list(),
                selector, description, log);
        cache.refresh();
        cache.schedule(interval);
        return cache;
    }

    /** Lists the pods now and replaces the snapshot; tests call this instead of waiting for the timer. */
    void refresh() throws TargetResolutionException {
        PodList list;
        try {
            list = lister.get();
        } catch (RuntimeException e) {
            throw KubernetesErrors.translate("list", description, e);
        }
        List<Pod> items = list == null || list.getItems() == null ? List.of() : list.getItems();
        List<Pod> matched = items.stream()
                .filter(p -> p.getMetadata() != null && p.getMetadata().getName() != null)
                .filter(p -> Selectors.matches(selector, p.getMetadata().getLabels()))
                .sorted(Comparator.comparing((Pod p) -> p.getMetadata().getName()))
                .toList();
        snapshot = new Snapshot(matched, matched.stream().filter(PodEligibility::isEligible).toList());
        failures.reset();
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (TargetResolutionException | RuntimeException e) {
            failures.log(Level.WARN, e.getMessage() + "; keeping the last known " + snapshot.all().size() + " pods");
        }
    }

    private synchronized void schedule(Duration interval) {
        executor = Executors.newSingleThreadScheduledExecutor(new DaemonThreadFactory(THREAD_NAME));
        long nanos = interval.toNanos();
        executor.scheduleWithFixedDelay(this::refreshQuietly, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /** Pods that may receive load (see {@link PodEligibility}) at the last refresh, sorted by name. */
    List<Pod> eligible() {
        return snapshot.eligible();
    }

    /** The pod named {@code name}, if the selector matched it at the last refresh. */
    Optional<Pod> get(String name) {
        return snapshot.all().stream().filter(p -> p.getMetadata().getName().equals(name)).findFirst();
    }

    /** e.g. {@code pods in imagerdemo (selector app=sumservice)}. */
    String description() {
        return description;
    }

    /** One line listing why each matched pod is not eligible, for "no eligible pod" errors. */
    String ineligibleSummary() {
        List<Pod> pods = snapshot.all();
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

    /**
     * One refresh's result: every pod the selector matched, eligible or not, and the eligible ones,
     * both sorted by name and immutable. Eligibility depends only on the pod, so it is computed once
     * here rather than on every read.
     */
    private record Snapshot(List<Pod> all, List<Pod> eligible) {
        static final Snapshot EMPTY = new Snapshot(List.of(), List.of());
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
