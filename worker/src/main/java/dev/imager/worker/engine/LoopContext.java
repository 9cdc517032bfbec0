package dev.imager.worker.engine;

import dev.imager.protocol.message.HttpVersionChoice;
import dev.imager.protocol.message.Outcome;
import dev.imager.worker.metrics.WorkerMetrics;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoop;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything one event loop owns: its connection pools (one per target authority and HTTP version) and its share
 * of the in-flight cap; it decides what a complete response means (an outcome, or a redirect to follow).
 * Event-loop confined; the {@code volatile} views exist only so heartbeats can read the numbers.
 */
final class LoopContext {

    /**
     * Most pools one loop keeps. Redirects can name any host: past this many, a redirect to yet another authority
     * fails its request instead of growing the map without bound.
     */
    static final int MAX_POOLS = 1_024;

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final ConnectionSetup setup;
    private final int maxInFlight;
    private final int maxConnectionsPerTarget;
    private final WorkerMetrics metrics;
    private final Map<String, TargetPool> pools = new HashMap<>();
    private final Pacer pacer;
    private final RecorderPool recorders = new RecorderPool();
    private int inFlight;
    private volatile int inFlightView;
    private volatile int openView;
    private volatile int poolView;

    LoopContext(EventLoop loop, Bootstrap bootstrap, ConnectionSetup setup, int maxInFlight,
            int maxConnectionsPerTarget, WorkerMetrics metrics) {
        this.loop = loop;
        this.bootstrap = bootstrap.clone().group(loop);
        this.setup = setup;
        this.maxInFlight = maxInFlight;
        this.maxConnectionsPerTarget = maxConnectionsPerTarget;
        this.metrics = metrics;
        this.pacer = new Pacer(loop);
    }

    EventLoop loop() {
        return loop;
    }

    /** Wakes this loop's lanes when their next requests are due. */
    Pacer pacer() {
        return pacer;
    }

    /** The result recorders of this loop's lanes, kept from one job to the next. */
    RecorderPool recorders() {
        return recorders;
    }

    String userAgent() {
        return setup.userAgent();
    }

    /** Fires a due request: takes an in-flight slot and a connection, or drops it. */
    void fire(PendingRequest request) {
        if (inFlight >= maxInFlight) {
            drop(request);
            return;
        }
        request.pool.execute(request);
    }

    /** Called by a pool when a request got an in-flight slot (a connection, a stream, or a pending connect). */
    void accepted(PendingRequest request) {
        if (!request.accepted) {
            request.accepted = true;
            inFlight++;
            inFlightView = inFlight;
        }
    }

    /**
     * No connection can take {@code request} now: it is dropped, or, when it is a redirect's next request (already
     * sent once), it fails.
     */
    void noConnection(PendingRequest request) {
        if (request.redirects > 0) {
            finish(request, Outcome.OTHER_ERROR);
        } else {
            drop(request);
        }
    }

    /** Counts a request that was never sent as dropped (releasing its slot if it held one while it waited). */
    void drop(PendingRequest request) {
        if (request.accepted) {
            finish(request, Outcome.DROPPED);
            return;
        }
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

    /**
     * A complete response arrived for {@code request} (its connection is already released): its outcome, or, for
     * a redirect the job follows, the next request, sent from this loop at once.
     */
    void responded(PendingRequest request) {
        if (request.finished) {
            return;
        }
        int maxRedirects = request.lane.maxRedirects();
        boolean following = maxRedirects > 0;
        if (following && request.location != null && Redirect.followable(request.status)) {
            follow(request, maxRedirects);
        } else {
            finish(request, OutcomeClassifier.forStatus(request.status, following));
        }
    }

    // Go's client: the redirect after the last allowed one fails the request, as does a Location that is no
    // http(s) URL; so does a target the policy refuses, or an authority beyond the pool bound.
    private void follow(PendingRequest request, int maxRedirects) {
        if (request.redirects >= maxRedirects) {
            finish(request, Outcome.OTHER_ERROR);
            return;
        }
        Redirect next;
        try {
            next = Redirect.of(request.target, request.spec, request.status, request.location);
        } catch (IllegalArgumentException e) {
            finish(request, Outcome.OTHER_ERROR);
            return;
        }
        if (!setup.policy().permits(next.target())) {
            finish(request, Outcome.OTHER_ERROR);
            return;
        }
        TargetPool pool = pool(next.target(), request.lane.httpVersion());
        if (pool == null) {
            finish(request, Outcome.OTHER_ERROR);
            return;
        }
        request.lane.redirected(request);
        request.redirectTo(next, pool);
        pool.execute(request);
    }

    /** The request's time is up (its lane keeps the deadlines): it times out and its connection lets go of it. */
    void timeOut(PendingRequest request) {
        if (request.finished) {
            return;
        }
        finish(request, Outcome.TIMEOUT);
        request.pool.abandon(request);
    }

    /**
     * The pool for {@code target}'s authority in {@code version} (lanes look theirs up once per target, not per
     * request); null when this loop already keeps {@link #MAX_POOLS} pools and this would be another.
     */
    TargetPool pool(TargetAddress target, HttpVersionChoice version) {
        HttpVersionChoice kind = version == HttpVersionChoice.AUTO && !target.tls() ? HttpVersionChoice.HTTP_1_1 : version;
        String key = kind == HttpVersionChoice.HTTP_1_1 ? target.authority() : kind.flagValue() + " " + target.authority();
        TargetPool pool = pools.get(key);
        if (pool == null) {
            if (pools.size() >= MAX_POOLS) {
                return null;
            }
            ProxyAddress proxy = setup.proxies().proxyFor(target);
            pool = kind == HttpVersionChoice.HTTP_1_1
                    ? new ConnectionPool(this, target, bootstrap, setup.tls(kind), proxy, maxConnectionsPerTarget)
                    : new Http2ConnectionPool(this, target, bootstrap, setup.tls(kind), proxy, maxConnectionsPerTarget,
                            setup.maxStreamsPerConnection(), kind == HttpVersionChoice.AUTO);
            pools.put(key, pool);
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
        for (TargetPool pool : pools.values()) {
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
        pools.values().forEach(TargetPool::closeIdle);
    }
}
