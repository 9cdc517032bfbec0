package dev.imager.worker.engine;

import dev.imager.protocol.message.Outcome;
import dev.imager.worker.metrics.WorkerMetrics;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything one event loop owns: its connection pools (one per target) and its share of the in-flight
 * cap. Event-loop confined; the {@code volatile} views exist only so heartbeats can read the numbers.
 */
final class LoopContext {

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final SslContext sslContext;
    private final int maxInFlight;
    private final int maxConnectionsPerTarget;
    private final String userAgent;
    private final WorkerMetrics metrics;
    private final Map<String, ConnectionPool> pools = new HashMap<>();
    private int inFlight;
    private volatile int inFlightView;
    private volatile int openView;
    private volatile int poolView;

    LoopContext(EventLoop loop, Bootstrap bootstrap, SslContext sslContext, int maxInFlight,
            int maxConnectionsPerTarget, String userAgent, WorkerMetrics metrics) {
        this.loop = loop;
        this.bootstrap = bootstrap.clone().group(loop);
        this.sslContext = sslContext;
        this.maxInFlight = maxInFlight;
        this.maxConnectionsPerTarget = maxConnectionsPerTarget;
        this.userAgent = userAgent;
        this.metrics = metrics;
    }

    EventLoop loop() {
        return loop;
    }

    String userAgent() {
        return userAgent;
    }

    /** Fires a due request: takes an in-flight slot and a connection, or drops it. */
    void fire(PendingRequest request) {
        if (inFlight >= maxInFlight) {
            drop(request);
            return;
        }
        request.pool.execute(request);
    }

    /** Called by a pool when a request got an in-flight slot (a connection or a pending connect). */
    void accepted(PendingRequest request) {
        inFlight++;
        inFlightView = inFlight;
    }

    void drop(PendingRequest request) {
        request.finished = true;
        // A dropped request has no latency: its lane ignores the time, so the clock is not read.
        request.lane.finished(request, Outcome.DROPPED, 0);
        metrics.requestFinished(Outcome.DROPPED, 0, 0, 0);
    }

    /** Records the one outcome of an accepted request; later calls for it are ignored. */
    void finish(PendingRequest request, Outcome outcome) {
        if (request.finished) {
            return;
        }
        request.finished = true;
        inFlight--;
        inFlightView = inFlight;
        long now = System.nanoTime();
        request.lane.finished(request, outcome, now);
        metrics.requestFinished(outcome, request.sentNanos == 0 ? 0 : now - request.sentNanos,
                request.headersNanos == 0 ? 0 : request.headersNanos - request.sentNanos, request.bodyBytes);
    }

    /** The request's time is up (its lane keeps the deadlines): it times out and its connection is closed. */
    void timeOut(PendingRequest request) {
        if (request.finished) {
            return;
        }
        finish(request, Outcome.TIMEOUT);
        request.pool.abandon(request);
    }

    /** The pool for {@code target}'s authority (lanes look theirs up once per target, not per request). */
    ConnectionPool pool(TargetAddress target) {
        ConnectionPool pool = pools.get(target.authority());
        if (pool == null) {
            pool = new ConnectionPool(this, target, bootstrap, sslContext, maxConnectionsPerTarget);
            pools.put(target.authority(), pool);
        }
        return pool;
    }

    /** Closes and forgets the pools no request used for {@code idleNanos} (called on the loop, periodically). */
    void releaseIdlePools(long idleNanos) {
        long now = System.nanoTime();
        pools.values().removeIf(pool -> pool.retireIfIdle(now, idleNanos));
    }

    int poolView() {
        return poolView;
    }

    /**
     * Refreshes the open-connection view (called on the loop by the engine's periodic task). The in-flight
     * view needs no refresh: it is written whenever the count changes.
     */
    void refreshViews() {
        int open = 0;
        for (ConnectionPool pool : pools.values()) {
            open += pool.openConnections();
        }
        openView = open;
        poolView = pools.size();
    }

    int inFlightView() {
        return inFlightView;
    }

    int openView() {
        return openView;
    }

    void closeIdle() {
        pools.values().forEach(ConnectionPool::closeIdle);
    }
}
