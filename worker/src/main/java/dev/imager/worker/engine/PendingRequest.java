package dev.imager.worker.engine;

/**
 * One request from the moment it is due until it ends in exactly one outcome. Event-loop confined: all
 * fields are touched only on the loop of the lane that fired it.
 */
final class PendingRequest {

    final JobLane lane;
    final int index;
    /** Planned instant on the monotonic clock ({@link System#nanoTime()}). */
    final long plannedNanos;
    final TargetAddress target;
    /** The connections of {@link #target} on this loop. */
    final ConnectionPool pool;

    /** When the request was written, or 0 while waiting for a connection. */
    long sentNanos;
    /** When the response headers arrived, or 0. */
    long headersNanos;
    int status;
    long bodyBytes;
    /** The connection carrying it once written, or null. */
    io.netty.channel.Channel channel;
    /** True once an outcome has been recorded; later events for this request are ignored. */
    boolean finished;

    PendingRequest(JobLane lane, int index, long plannedNanos, TargetAddress target, ConnectionPool pool) {
        this.lane = lane;
        this.index = index;
        this.plannedNanos = plannedNanos;
        this.target = target;
        this.pool = pool;
    }
}
