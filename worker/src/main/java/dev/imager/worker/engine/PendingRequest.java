package dev.imager.worker.engine;

import dev.imager.protocol.message.HttpProtocol;
import dev.imager.protocol.message.RequestSpec;
import io.netty.channel.Channel;

/**
 * One request from the moment it is due until it ends in exactly one outcome, across the redirects it follows.
 * Event-loop confined: all fields are touched only on the loop of the lane that fired it (a redirect's next
 * request goes through a pool of the same loop).
 */
final class PendingRequest {

    final RequestLane lane;
    final int index;
    /** Planned instant on the monotonic clock ({@link System#nanoTime()}). */
    final long plannedNanos;

    /** Where the request goes now: the job's target, or where the last redirect pointed. */
    TargetAddress target;
    /** What is sent now: the job's spec, or the last redirect's next request. */
    RequestSpec spec;
    /** The connections carrying it now. */
    TargetPool pool;

    /** When the request was first written, or 0 while waiting for a connection. */
    long sentNanos;
    /** When the last response's headers arrived, or 0. */
    long headersNanos;
    /** The last response's status, or 0. */
    int status;
    /** The HTTP version of the last response, or null. */
    HttpProtocol protocol;
    /** The last response's {@code Location} when it was a 3xx, else null. */
    String location;
    /** Response body bytes over every response (redirects included). */
    long bodyBytes;
    /** Redirects followed so far. */
    int redirects;
    /** True once it holds an in-flight slot. */
    boolean accepted;
    /** The connection carrying it once written, or null. */
    Channel channel;
    /** Its HTTP/2 stream once written over HTTP/2, else 0. */
    int streamId;
    /** True once an outcome has been recorded; later events for this request are ignored. */
    boolean finished;

    PendingRequest(RequestLane lane, int index, long plannedNanos, TargetAddress target, TargetPool pool,
            RequestSpec spec) {
        this.lane = lane;
        this.index = index;
        this.plannedNanos = plannedNanos;
        this.target = target;
        this.pool = pool;
        this.spec = spec;
    }

    /** Forgets the previous response before the request is sent again (to a redirect's location). */
    void redirectTo(Redirect next, TargetPool nextPool) {
        redirects++;
        target = next.target();
        spec = next.spec();
        pool = nextPool;
        status = 0;
        protocol = null;
        location = null;
        headersNanos = 0;
        channel = null;
        streamId = 0;
    }
}
