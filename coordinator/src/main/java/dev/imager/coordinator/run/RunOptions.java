package dev.imager.coordinator.run;

import dev.imager.coordinator.load.LoadCalculatorFactory;
import dev.imager.coordinator.metrics.CoordinatorMetrics;
import dev.imager.coordinator.source.RequestSourceFactory;
import dev.imager.protocol.EpochClock;
import dev.imager.protocol.transport.Transport;
import java.util.List;

/**
 * What an embedder can plug into a run, as the original's {@code RunOptions}: request-source and
 * load-calculator factories (tried before the ServiceLoader plug-ins and the built-ins), where metrics go,
 * a listener, and optionally the bus itself.
 *
 * @param requestSources factories tried first for {@code -request-source-type}
 * @param loadCalculators factories tried first for {@code -load-calculator}
 * @param metrics where the coordinator's metrics go, and what its {@code /metrics} serves; null for Micrometer
 *     on a new Prometheus registry (pass {@code new MicrometerCoordinatorMetrics(registry)} to use one of yours)
 * @param listener follows the run; {@link RunListener} no-op when none
 * @param transport a bus to use instead of connecting to NATS (or an in-memory one in local mode); the
 *     caller keeps ownership
 * @param clock wall clock for planned instants
 */
public record RunOptions(
        List<RequestSourceFactory> requestSources,
        List<LoadCalculatorFactory> loadCalculators,
        CoordinatorMetrics metrics,
        RunListener listener,
        Transport transport,
        EpochClock clock) {

    public RunOptions {
        requestSources = List.copyOf(requestSources);
        loadCalculators = List.copyOf(loadCalculators);
        listener = listener == null ? new RunListener() { } : listener;
        clock = clock == null ? EpochClock.SYSTEM : clock;
    }

    /** Built-ins and plug-ins only; metrics on a registry of their own; no listener; NATS or local mode as configured. */
    public static RunOptions defaults() {
        return new RunOptions(List.of(), List.of(), null, null, null, null);
    }

    public RunOptions withRequestSources(List<RequestSourceFactory> factories) {
        return new RunOptions(factories, loadCalculators, metrics, listener, transport, clock);
    }

    public RunOptions withLoadCalculators(List<LoadCalculatorFactory> factories) {
        return new RunOptions(requestSources, factories, metrics, listener, transport, clock);
    }

    public RunOptions withMetrics(CoordinatorMetrics m) {
        return new RunOptions(requestSources, loadCalculators, m, listener, transport, clock);
    }

    public RunOptions withListener(RunListener l) {
        return new RunOptions(requestSources, loadCalculators, metrics, l, transport, clock);
    }

    public RunOptions withTransport(Transport t) {
        return new RunOptions(requestSources, loadCalculators, metrics, listener, t, clock);
    }
}
