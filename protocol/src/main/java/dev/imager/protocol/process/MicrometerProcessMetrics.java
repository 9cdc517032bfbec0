package dev.imager.protocol.process;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/**
 * The JVM and process meters of an imager process (coordinator, worker, operator): Micrometer's binders for memory, garbage collection,
 * threads, classes, JVM version, CPU, uptime and open files ({@code jvm_*}, {@code process_*}, {@code system_*}),
 * the Java counterpart of the Go runtime and process collectors the original exposed. Bound by the process's main
 * only: a JVM that embeds imager is its owner's to instrument. Closing it stops the GC notification listener.
 */
public final class MicrometerProcessMetrics implements AutoCloseable {

    private final JvmGcMetrics gc = new JvmGcMetrics();

    private MicrometerProcessMetrics() {
    }

    /** Binds every JVM and process meter to {@code registry}. */
    public static MicrometerProcessMetrics bindTo(MeterRegistry registry) {
        MicrometerProcessMetrics bound = new MicrometerProcessMetrics();
        new JvmInfoMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        bound.gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        return bound;
    }

    @Override
    public void close() {
        gc.close();
    }
}
