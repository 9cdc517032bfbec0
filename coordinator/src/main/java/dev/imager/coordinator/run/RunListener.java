package dev.imager.coordinator.run;

import dev.imager.coordinator.ledger.RoundTally;
import dev.imager.coordinator.registry.WorkerEvent;
import dev.imager.coordinator.status.RunStatus;
import dev.imager.coordinator.target.PodMetricsSample;

/**
 * Follows a run as it happens; every method has a no-op default. Called on the coordinator's control
 * thread: do not block.
 */
public interface RunListener {

    /** Once per second, whatever happens: for progress displays. */
    default void onTick(RunStatus status) {
    }

    /** A round completed, in round order. */
    default void onRound(RoundTally round, RunStatus status) {
    }

    /** A worker registered, went missing or gone, or came back. */
    default void onWorkerEvent(WorkerEvent event) {
    }

    /** Target pods' CPU and memory were read (pod and service modes). May be called from the poller's thread. */
    default void onPodMetrics(PodMetricsSample sample) {
    }
}
