package dev.imager.worker.engine;

/**
 * The connections of one event loop to one target authority, in one HTTP version: {@link ConnectionPool}
 * (HTTP/1.1, one request per connection at a time) or {@link Http2ConnectionPool} (HTTP/2, many streams per
 * connection). Event-loop confined.
 */
interface TargetPool {

    /**
     * Sends {@code request} now on a connection that can take it, or on a new one it waits for; when there is no
     * room for either it is dropped ({@link LoopContext#noConnection}): a request is never sent late.
     */
    void execute(PendingRequest request);

    /** The request timed out (its outcome is recorded): its late response must not reach another request. */
    void abandon(PendingRequest request);

    /** Open connections. */
    int openConnections();

    /** Closes every connection carrying nothing (engine shutdown). */
    void closeIdle();

    /**
     * Closes this pool when no request has used it for {@code idleNanos} and none of its connections carries one: a
     * worker that loads many targets over its life (pods come and go) must not keep a pool and its connections for
     * each. A lane still holding a retired pool looks its target's pool up again ({@link #isRetired()}).
     *
     * @return true when the pool is retired now
     */
    boolean retireIfIdle(long nowNanos, long idleNanos);

    /** True once {@link #retireIfIdle} retired it. */
    boolean isRetired();
}
