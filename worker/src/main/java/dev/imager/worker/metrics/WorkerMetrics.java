package dev.imager.worker.metrics;

import dev.imager.protocol.message.Outcome;
import dev.imager.protocol.message.RejectReason;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * What the worker reports about itself; Micrometer is one adapter ({@link MicrometerWorkerMetrics}).
 * Every method has a no-op default so tests and embedders implement only what they need.
 * {@link #requestFinished} runs on event loops for every request: implementations must not block.
 */
public interface WorkerMetrics {

    /** Reports nothing. */
    WorkerMetrics NOOP = new WorkerMetrics() {
    };

    /** A job was accepted and started, with this many planned requests. */
    default void jobPickedUp(int requests) {
    }

    /** A job was refused. */
    default void jobRejected(RejectReason reason) {
    }

    /**
     * A request ended.
     *
     * @param outcome its bucket
     * @param serviceNanos from the actual write to the end (0 when never written)
     * @param firstByteNanos from the write to the response headers (0 when none arrived)
     * @param bodyBytes response body bytes
     */
    default void requestFinished(Outcome outcome, long serviceNanos, long firstByteNanos, long bodyBytes) {
    }

    /** How late a job's start was when it arrived (its schedule is shifted to start at once). */
    default void jobStartLateness(long nanos) {
    }

    /** A control message was not acted on. */
    default void controlRefused(ControlRefusal reason) {
    }

    /** The bus's counts of messages dropped by full subscriptions and of slow-consumer episodes, read at scrape time. */
    default void bindBus(LongSupplier droppedMessages, LongSupplier slowConsumerEvents) {
    }

    /** Gauges read at scrape time. */
    default void bindGauges(IntSupplier inFlight, IntSupplier activeJobs, IntSupplier openConnections) {
    }
}
