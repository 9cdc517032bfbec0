package dev.imager.operator;

import dev.imager.operator.api.LoadTest;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the LoadTests of one namespace (a fabric8 informer: one list, then a watch) and reconciles each on one
 * thread: on creation, on a spec change, and every poll interval while its run lasts. A key is queued at most
 * once at a time, so a slow API server cannot pile work up. Deleting a LoadTest needs nothing here: its objects
 * carry owner references and the garbage collector removes them.
 */
public final class LoadTestController implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoadTestController.class);

    private final KubernetesClient client;
    private final OperatorSettings settings;
    private final LoadTestReconciler reconciler;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "imager-operator-reconcile");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private volatile SharedIndexInformer<LoadTest> informer;
    /** When the reconcile thread last ran its beat: a reconcile stuck on a call shows as a beat that stops. */
    private volatile long lastBeatNanos = System.nanoTime();

    /** Beats of the reconcile thread; {@link #healthy()} allows a few missed ones. */
    static final Duration BEAT = Duration.ofSeconds(5);
    static final Duration BEAT_TOLERANCE = Duration.ofSeconds(60);

    public LoadTestController(KubernetesClient client, OperatorSettings settings, LoadTestReconciler reconciler) {
        this.client = client;
        this.settings = settings;
        this.reconciler = reconciler;
    }

    /** Starts watching; returns once the informer has listed the existing LoadTests. */
    public LoadTestController start() {
        informer = client.resources(LoadTest.class).inNamespace(settings.namespace())
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(LoadTest test) {
                        enqueue(Cache.metaNamespaceKeyFunc(test), Duration.ZERO);
                    }

                    @Override
                    public void onUpdate(LoadTest before, LoadTest after) {
                        // Status writes (ours) change no generation; polls are scheduled by the reconciler.
                        if (!Objects.equals(before.getMetadata().getGeneration(), after.getMetadata().getGeneration())) {
                            enqueue(Cache.metaNamespaceKeyFunc(after), Duration.ZERO);
                        }
                    }

                    @Override
                    public void onDelete(LoadTest test, boolean finalStateUnknown) {
                        LOG.info("loadtest {} deleted: its Job, workers and report go with it",
                                Cache.metaNamespaceKeyFunc(test));
                    }
                }, 0);
        worker.scheduleWithFixedDelay(() -> lastBeatNanos = System.nanoTime(), 0, BEAT.toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info("watching loadtests.imager.dev in namespace {}", settings.namespace());
        return this;
    }

    /**
     * For the liveness probe: the informer is watching, and the reconcile thread kept its beat within
     * {@link #BEAT_TOLERANCE} (a reconcile blocked for longer, or a dead watch, restarts the pod). Quick, never
     * blocks.
     */
    public boolean healthy() {
        SharedIndexInformer<LoadTest> i = informer;
        return i != null && i.isRunning() && i.isWatching()
                && System.nanoTime() - lastBeatNanos < BEAT_TOLERANCE.toNanos();
    }

    private void enqueue(String key, Duration delay) {
        if (queued.add(key)) {
            worker.schedule(() -> run(key), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void run(String key) {
        queued.remove(key);
        LoadTest test = informer.getStore().getByKey(key);
        if (test == null) {
            return; // deleted
        }
        Optional<Duration> again;
        try {
            again = reconciler.reconcile(test);
        } catch (RuntimeException e) {
            LOG.warn("loadtest {}: {} (trying again in {})", key, e.toString(), settings.pollInterval());
            again = Optional.of(settings.pollInterval());
        }
        again.ifPresent(d -> enqueue(key, d));
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
        worker.shutdownNow();
    }
}
