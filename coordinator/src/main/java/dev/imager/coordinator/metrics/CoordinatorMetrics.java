package dev.imager.coordinator.metrics;

import dev.imager.coordinator.inbox.MessageRefusal;
import dev.imager.coordinator.ledger.CompletedRound;
import dev.imager.coordinator.registry.WorkerLiveness;
import dev.imager.coordinator.target.PodUsage;
import dev.imager.protocol.message.RejectReason;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * What the coordinator reports about a run; Micrometer is one adapter ({@link MicrometerCoordinatorMetrics}).
 * Every method has a no-op default. Called from the control thread only, except {@link #targetPods} (the
 * pod-metrics poller's thread), {@link #messageRefused} (any thread) and {@link #scrape} (the {@code /metrics}
 * server's thread).
 */
public interface CoordinatorMetrics {

    /** Workers by liveness, after every change. */
    default void workers(Map<WorkerLiveness, Integer> byLiveness) {
    }

    /** A round was planned at {@code rate} with {@code requests} requests. */
    default void roundPlanned(double rate, long requests) {
    }

    /**
     * A closed-model round was planned with {@code users} users: no rate is planned there (the users' throughput is
     * the outcome), and the capacity the adaptive search finds is a user count from then on.
     */
    default void roundPlannedUsers(long users) {
    }

    /** A job was published. */
    default void jobDispatched(int requests) {
    }

    /** A round could not be sent. */
    default void roundNotSent(String reason) {
    }

    /**
     * A round completed.
     *
     * @param intervalSeconds the round length
     * @param completionDelaySeconds from the round's planned end to its observation: the request tail plus the
     *     time its results took to come back and be merged
     */
    default void roundCompleted(CompletedRound round, double intervalSeconds, double completionDelaySeconds) {
    }

    /** The load calculator's phase and, for a search, the capacity found so far. */
    default void phase(String phase, OptionalDouble capacity) {
    }

    /**
     * The target pods' CPU and memory from the latest metrics poll (pod and service modes). Pods not in
     * {@code pods} have no values any more; an empty list clears them all. Called on the poller's thread.
     */
    default void targetPods(List<PodUsage> pods) {
    }

    /** A message from the bus was refused; called from any thread. */
    default void messageRefused(MessageRefusal reason) {
    }

    /** A worker rejected a job instead of running it. */
    default void jobRefusedByWorker(RejectReason reason) {
    }

    /** The bus's counts of messages dropped by full subscriptions and of slow-consumer episodes, read at scrape time. */
    default void bus(LongSupplier droppedMessages, LongSupplier slowConsumerEvents) {
    }

    /** Everything reported so far in the Prometheus text format, as {@code /metrics} serves it; empty when none. */
    default String scrape() {
        return "";
    }
}
