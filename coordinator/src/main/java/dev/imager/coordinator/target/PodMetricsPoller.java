package dev.imager.coordinator.target;

import dev.imager.coordinator.config.TargetFlags;
import dev.imager.coordinator.metrics.CoordinatorMetrics;
import dev.imager.protocol.DaemonThreadFactory;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsList;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Polls metrics-server for the CPU and memory of the target's pods every {@code -metrics-poll-interval},
 * exports them as gauges ({@link CoordinatorMetrics#targetPods}) and hands each sample to a
 * {@link PodMetricsListener} for the run report.
 *
 * <p>One poll is one LIST of {@code pods.metrics.k8s.io} per namespace (in practice one: the target
 * namespace), filtered to {@code metricsPods()}; the original made one GET per pod, sequentially.
 * A pod without metrics (metrics-server has not scraped a new pod yet) is skipped and the others are
 * still exported; the original aborted the whole poll and left stale gauges. When the metrics API is
 * not served (metrics-server not installed, HTTP 404) a warning is logged once, no gauges exist and the
 * run goes on; polling continues quietly at the same interval, so installing metrics-server mid-run
 * starts the gauges. Other failures are logged at most once a minute per distinct message.
 *
 * <p>The first poll runs at {@link #start()}, not one interval later, so the report has the target's
 * idle baseline before load ramps up. Polls run with a fixed delay, so a slow API never queues polls.
 *
 * <p>Thread-safe: {@link #pollOnce()} is serialised; start and close may come from any thread.
 */
public final class PodMetricsPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PodMetricsPoller.class);
    /** Name of the poller's own thread when no executor is injected. */
    static final String THREAD_NAME = "imager-pod-metrics";

    private final KubernetesClient client;
    private final Supplier<List<PodRef>> pods;
    private final PodMetricsListener listener;
    private final Duration interval;
    private final Clock clock;
    private final LogSink log;
    private final ThrottledLog failures;
    private final CoordinatorMetrics metrics;
    private final ScheduledExecutorService injectedExecutor;

    private ScheduledExecutorService ownExecutor;
    private ScheduledFuture<?> task;
    /** Set once by {@link #close()}; a poll already queued on the executor then does nothing. */
    private volatile boolean closed;
    /** Guarded by {@code pollLock}: whether the "metrics API not served" warning is out. */
    private boolean metricsApiMissing;
    private final Object pollLock = new Object();

    /**
     * A poller on its own daemon thread.
     *
     * @param pods which pods to poll, asked before every poll (pass {@code resolver::metricsPods})
     * @param metrics where each poll's usages go ({@link CoordinatorMetrics#targetPods}), cleared on close
     */
    public PodMetricsPoller(KubernetesClient client, Supplier<List<PodRef>> pods, CoordinatorMetrics metrics,
                            PodMetricsListener listener, Duration interval) {
        this(client, pods, metrics, listener, interval, null, Clock.systemUTC(), LogSink.slf4j(LOG));
    }

    /** A poller on an executor the caller owns; {@link #close()} cancels its task but does not shut it down. */
    public PodMetricsPoller(KubernetesClient client, Supplier<List<PodRef>> pods, CoordinatorMetrics metrics,
                            PodMetricsListener listener, Duration interval, ScheduledExecutorService executor) {
        this(client, pods, metrics, listener, interval, Objects.requireNonNull(executor, "executor"),
                Clock.systemUTC(), LogSink.slf4j(LOG));
    }

    PodMetricsPoller(KubernetesClient client, Supplier<List<PodRef>> pods, CoordinatorMetrics metrics,
                     PodMetricsListener listener, Duration interval, ScheduledExecutorService executor,
                     Clock clock, LogSink log) {
        this.client = Objects.requireNonNull(client, "client");
        this.pods = Objects.requireNonNull(pods, "pods");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException(TargetFlags.METRICS_POLL_INTERVAL + " must be positive, got " + interval);
        }
        this.injectedExecutor = executor;
        this.clock = clock;
        this.log = log;
        this.failures = new ThrottledLog(log);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Polls now and then every interval until {@link #close()}. A second call does nothing. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("poller closed");
        }
        if (task != null) {
            return;
        }
        ScheduledExecutorService executor = injectedExecutor;
        if (executor == null) {
            ownExecutor = Executors.newSingleThreadScheduledExecutor(new DaemonThreadFactory(THREAD_NAME));
            executor = ownExecutor;
        }
        task = executor.scheduleWithFixedDelay(this::pollQuietly, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * One poll: asks which pods to poll, lists their metrics, updates the gauges and notifies the
     * listener. Never throws; failures are logged.
     *
     * @return the sample, or empty when closed, when there was nothing to poll, or when no namespace
     *         could be listed
     */
    public Optional<PodMetricsSample> pollOnce() {
        synchronized (pollLock) {
            if (closed) {
                return Optional.empty();
            }
            List<PodRef> wanted = podsToPoll();
            if (wanted.isEmpty()) {
                metrics.targetPods(List.of());
                return Optional.empty();
            }
            List<PodUsage> usages = new ArrayList<>();
            boolean anyListed = false;
            for (Map.Entry<String, List<PodRef>> ns : byNamespace(wanted).entrySet()) {
                Optional<Map<String, PodMetrics>> listed = list(ns.getKey());
                if (listed.isEmpty()) {
                    continue;
                }
                anyListed = true;
                for (PodRef ref : ns.getValue()) {
                    PodMetrics m = listed.get().get(ref.name());
                    if (m == null) {
                        LOG.debug("no metrics yet for pod {}; skipped this poll", ref);
                    } else {
                        usages.add(usage(ref, m));
                    }
                }
            }
            metrics.targetPods(usages);
            if (!anyListed) {
                return Optional.empty();
            }
            PodMetricsSample sample = new PodMetricsSample(clock.instant(), usages);
            notifyListener(sample);
            return Optional.of(sample);
        }
    }

    /** Stops polling and removes the gauges. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (task != null) {
                task.cancel(false);
            }
            if (ownExecutor != null) {
                ownExecutor.shutdownNow();
            }
        }
        synchronized (pollLock) {
            metrics.targetPods(List.of());
        }
    }

    private void pollQuietly() {
        try {
            pollOnce();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; keep polling.
            failures.log(Level.WARN, "pod metrics poll failed: " + e);
        }
    }

    private List<PodRef> podsToPoll() {
        try {
            return List.copyOf(pods.get());
        } catch (RuntimeException e) {
            failures.log(Level.WARN, "pod metrics: cannot tell which pods to poll: " + e.getMessage());
            return List.of();
        }
    }

    /** The metrics of every pod in {@code namespace} by pod name, or empty when the LIST failed. */
    private Optional<Map<String, PodMetrics>> list(String namespace) {
        PodMetricsList list;
        try {
            list = client.top().pods().metrics(namespace);
        } catch (RuntimeException e) {
            if (closed) {
                // close() interrupted this poll (shutdownNow): the run is ending, the API did not fail.
                return Optional.empty();
            }
            if (KubernetesErrors.statusCode(e) == KubernetesErrors.HTTP_NOT_FOUND) {
                if (!metricsApiMissing) {
                    metricsApiMissing = true;
                    log.log(Level.WARN, "metrics.k8s.io is not served (is metrics-server installed?): target pod"
                            + " CPU/memory will not be reported; checking again every " + interval + " quietly");
                }
            } else {
                String what = "pods.metrics.k8s.io in " + namespace;
                failures.log(Level.WARN, KubernetesErrors.translate("list", what, e).getMessage());
            }
            return Optional.empty();
        }
        if (metricsApiMissing) {
            metricsApiMissing = false;
            log.log(Level.INFO, "metrics.k8s.io is served now; reporting target pod CPU/memory");
        }
        Map<String, PodMetrics> byName = new HashMap<>();
        if (list != null && list.getItems() != null) {
            for (PodMetrics m : list.getItems()) {
                if (m.getMetadata() != null && m.getMetadata().getName() != null) {
                    byName.put(m.getMetadata().getName(), m);
                }
            }
        }
        return Optional.of(byName);
    }

    private static PodUsage usage(PodRef ref, PodMetrics m) {
        long cpu = 0;
        long memory = 0;
        if (m.getContainers() != null) {
            for (ContainerMetrics c : m.getContainers()) {
                cpu += ResourceQuantities.cpuMillicores(c.getUsage());
                memory += ResourceQuantities.memoryBytes(c.getUsage());
            }
        }
        return new PodUsage(ref.namespace(), ref.name(), cpu, memory);
    }

    private static Map<String, List<PodRef>> byNamespace(List<PodRef> refs) {
        Map<String, List<PodRef>> grouped = new LinkedHashMap<>();
        for (PodRef r : refs) {
            grouped.computeIfAbsent(r.namespace(), k -> new ArrayList<>()).add(r);
        }
        return grouped;
    }

    private void notifyListener(PodMetricsSample sample) {
        try {
            listener.onSample(sample);
        } catch (RuntimeException e) {
            failures.log(Level.WARN, "pod metrics listener failed: " + e);
        }
    }
}
