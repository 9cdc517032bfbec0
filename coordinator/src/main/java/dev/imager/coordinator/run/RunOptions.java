package dev.imager.coordinator.run;

import dev.imager.coordinator.load.LoadCalculatorFactory;
import dev.imager.coordinator.source.RequestSourceFactory;
import dev.imager.protocol.EpochClock;
import dev.imager.protocol.transport.Transport;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/**
 * What an embedder can plug into a run, as the original's {@code RunOptions}: request-source and
 * load-calculator factories (tried before the ServiceLoader plug-ins and the built-ins), a metrics
 * registry, a listener, and optionally the bus itself.
 *
 * @param requestSources factories tried first for {@code -request-source-type}
 * @param loadCalculators factories tried first for {@code -load-calculator}
 * @param registry where metrics go; null for a new one
 * @param listener follows the run; {@link RunListener} no-op when none
 * @param transport a bus to use instead of connecting to NATS (or an in-memory one in local mode); the
 *     caller keeps ownership
 * @param clock wall clock for planned instants
 */
public record RunOptions(
        List<RequestSourceFactory> requestSources,
        List<LoadCalculatorFactory> loadCalculators,
        PrometheusMeterRegistry registry,
        RunListener listener,
        Transport transport,
        EpochClock clock) {

    public RunOptions {
        requestSources = List.copyOf(requestSources);
        loadCalculators = List.copyOf(loadCalculators);
        listener = listener == null ? new RunListener() { } : listener;
        clock = clock == null ? EpochClock.SYSTEM : clock;
    }

    /** Built-ins and plug-ins only; own registry; no listener; NATS or local mode as configured. */
    public static RunOptions defaults() {
        return new RunOptions(List.of(), List.of(), null, null, null, null);
    }

    public RunOptions withRequestSources(List<RequestSourceFactory> factories) {
        return new RunOptions(factories, loadCalculators, registry, listener, transport, clock);
    }

    public RunOptions withLoadCalculators(List<LoadCalculatorFactory> factories) {
        return new RunOptions(requestSources, factories, registry, listener, transport, clock);
    }

    public RunOptions withRegistry(PrometheusMeterRegistry r) {
        return new RunOptions(requestSources, loadCalculators, r, listener, transport, clock);
    }

    public RunOptions withListener(RunListener l) {
        return new RunOptions(requestSources, loadCalculators, registry, l, transport, clock);
    }

    public RunOptions withTransport(Transport t) {
        return new RunOptions(requestSources, loadCalculators, registry, listener, t, clock);
    }
}
