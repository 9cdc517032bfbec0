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
}
