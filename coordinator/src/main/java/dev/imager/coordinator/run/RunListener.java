package dev.imager.coordinator.run;

import dev.imager.coordinator.ledger.CompletedRound;
import dev.imager.coordinator.load.AdaptiveProbe;
import dev.imager.coordinator.registry.WorkerEvent;
import dev.imager.coordinator.status.RunStatus;
import dev.imager.coordinator.target.PodMetricsSample;

/**
 * Follows a run as it happens; every method has a no-op default. Called on the coordinator's control
 * thread: do not block.
 */
public interface RunListener {

    /** A listener that tells each of {@code listeners}, in order. */
    static RunListener all(RunListener... listeners) {
        java.util.List<RunListener> list = java.util.List.of(listeners);
        return new RunListener() {
            @Override
            public void onTick(RunStatus status) {
                list.forEach(l -> l.onTick(status));
            }

            @Override
            public void onRound(CompletedRound round, RunStatus status) {
                list.forEach(l -> l.onRound(round, status));
            }

            @Override
            public void onProbe(AdaptiveProbe probe, double startSeconds) {
                list.forEach(l -> l.onProbe(probe, startSeconds));
            }

            @Override
            public void onWorkerEvent(WorkerEvent event) {
                list.forEach(l -> l.onWorkerEvent(event));
            }

            @Override
            public void onPodMetrics(PodMetricsSample sample) {
                list.forEach(l -> l.onPodMetrics(sample));
            }
        };
    }

    /** Once per second, whatever happens: for progress displays. */
    default void onTick(RunStatus status) {
    }

    /** A round completed, in round order. */
    default void onRound(CompletedRound round, RunStatus status) {
    }

    /**
     * The load calculator judged a round (the adaptive search's probes), in order, right after the round's
     * {@link #onRound}. {@code startSeconds} is the judged round's start, in seconds since the run's first round
     * (warm-up included), the time axis of the report.
     */
    default void onProbe(AdaptiveProbe probe, double startSeconds) {
    }

    /** A worker registered, went missing or gone, or came back. */
    default void onWorkerEvent(WorkerEvent event) {
    }

    /** Target pods' CPU and memory were read (pod and service modes). May be called from the poller's thread. */
    default void onPodMetrics(PodMetricsSample sample) {
    }
}
