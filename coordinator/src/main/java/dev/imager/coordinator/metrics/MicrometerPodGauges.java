package dev.imager.coordinator.metrics;

import dev.imager.coordinator.target.PodRef;
import dev.imager.coordinator.target.PodUsage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The two per-pod gauges of the original, {@code imager_orchestrator_target_pod_cpu_millicores} and
 * {@code imager_orchestrator_target_pod_memory_bytes} with labels {@code namespace} and {@code pod}.
 *
 * <p>The series always describe exactly the pods of the latest poll: a pod that is no longer polled
 * (replaced, scaled away) or had no metrics has its series removed, so dashboards never show a
 * stale pod's last value. No base unit is set on the gauges, so Prometheus renders the names as
 * written (the unit is already in the name).
 *
 * <p>Thread-safe: updates come from the pod-metrics poller's thread, and all methods synchronise on this.
 */
final class MicrometerPodGauges {
    /** Renders as {@code imager_orchestrator_target_pod_cpu_millicores}. */
    static final String CPU_METRIC = "imager.orchestrator.target.pod.cpu.millicores";
    /** Renders as {@code imager_orchestrator_target_pod_memory_bytes}. */
    static final String MEMORY_METRIC = "imager.orchestrator.target.pod.memory.bytes";
    static final String NAMESPACE_TAG = "namespace";
    static final String POD_TAG = "pod";

    private final MeterRegistry registry;
    private final Map<PodRef, Series> series = new HashMap<>();

    /** The values behind one pod's two gauges; gauges read them on scrape. */
    private record Series(AtomicLong cpu, AtomicLong memory, Gauge cpuGauge, Gauge memoryGauge) {
    }

    MicrometerPodGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Sets the gauges to {@code usages} and removes the series of every pod not among them. */
    synchronized void update(List<PodUsage> usages) {
        Set<PodRef> present = new HashSet<>();
        for (PodUsage u : usages) {
            PodRef ref = new PodRef(u.namespace(), u.pod());
            present.add(ref);
            Series s = series.computeIfAbsent(ref, this::register);
            s.cpu().set(u.cpuMillicores());
            s.memory().set(u.memoryBytes());
        }
        series.keySet().removeIf(ref -> {
            if (present.contains(ref)) {
                return false;
            }
            unregister(series.get(ref));
            return true;
        });
    }

    private Series register(PodRef ref) {
        Tags tags = Tags.of(NAMESPACE_TAG, ref.namespace(), POD_TAG, ref.name());
        AtomicLong cpu = new AtomicLong();
        AtomicLong memory = new AtomicLong();
        Gauge cpuGauge = Gauge.builder(CPU_METRIC, cpu, AtomicLong::doubleValue)
                .description("CPU used by a target pod, summed over its containers, from metrics-server")
                .tags(tags).strongReference(true).register(registry);
        Gauge memoryGauge = Gauge.builder(MEMORY_METRIC, memory, AtomicLong::doubleValue)
                .description("Memory used by a target pod, summed over its containers, from metrics-server")
                .tags(tags).strongReference(true).register(registry);
        return new Series(cpu, memory, cpuGauge, memoryGauge);
    }

    private void unregister(Series s) {
        registry.remove(s.cpuGauge());
        registry.remove(s.memoryGauge());
    }
}
