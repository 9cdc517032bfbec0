package dev.imager.protocol.transport;

import io.nats.client.Connection;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Whether the NATS server still answers. A server that stalls (frozen, swapping, a paused VM) keeps its connections
 * open, so the connection's status says nothing; what it stops doing says it: delivering messages, and answering
 * PINGs. Anything received counts as an answer (a busy coordinator receives results all the time, and its PINGs
 * queue behind what it publishes); a thread of its own sends a PING every {@link #INTERVAL} and waits for its PONG
 * however long it takes, so that at most one of these PINGs is ever outstanding (jnats closes a connection with
 * too many unanswered PINGs: a frozen broker must not make the coordinator drop its own connection).
 */
final class BrokerPulse implements AutoCloseable {

    /** Between a PONG and the next PING. */
    static final Duration INTERVAL = Duration.ofMillis(200);

    private final Connection connection;
    private final Thread thread;
    private volatile long lastAnswerNanos = System.nanoTime();
    private long lastInBytes;
    private volatile boolean closed;

    BrokerPulse(Connection connection) {
        this.connection = connection;
        this.lastInBytes = connection.getStatistics().getInBytes();
        this.thread = new Thread(this::run, "imager-broker-pulse");
        thread.setDaemon(true);
        thread.start();
    }

    /** Nanoseconds since the server last delivered anything or answered a PING. One caller at a time. */
    long unansweredNanos(long nowNanos) {
        long in = connection.getStatistics().getInBytes();
        if (in != lastInBytes) {
            lastInBytes = in;
            lastAnswerNanos = Math.max(lastAnswerNanos, nowNanos);
        }
        return Math.max(0, nowNanos - lastAnswerNanos);
    }

    private void run() {
        while (!closed) {
            try {
                connection.flush(Duration.ZERO);   // a PING, and its PONG however late (ZERO: no timeout)
                lastAnswerNanos = System.nanoTime();
            } catch (TimeoutException | IllegalStateException e) {
                // The connection went away or closed meanwhile: no answer; the next PING tries again.
            } catch (InterruptedException e) {
                return;
            }
            if (!closed) {
                LockSupport.parkNanos(this, INTERVAL.toNanos());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
