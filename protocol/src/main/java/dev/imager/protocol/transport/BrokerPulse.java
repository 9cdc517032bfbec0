package dev.imager.protocol.transport;

import io.nats.client.Connection;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Whether the NATS server still answers, measured by a PING every {@link #INTERVAL} on a thread of its own (jnats'
 * {@code flush}: a PING, waiting for its PONG). A server that stalls (frozen, swapping, a paused VM) keeps its
 * connections open, so the connection's status says nothing; what a stalled server does not answer says it. The
 * coordinator reads it so that the silence of a stalled broker is not taken for the silence of its workers.
 */
final class BrokerPulse implements AutoCloseable {

    /** Between two PINGs. */
    static final Duration INTERVAL = Duration.ofMillis(200);
    /** The longest wait for one PONG before the next PING is tried. */
    private static final Duration PONG_TIMEOUT = Duration.ofSeconds(2);

    private final Connection connection;
    private final Thread thread;
    private volatile long lastAnswerNanos = System.nanoTime();
    private volatile boolean closed;

    BrokerPulse(Connection connection) {
        this.connection = connection;
        this.thread = new Thread(this::run, "imager-broker-pulse");
        thread.setDaemon(true);
        thread.start();
    }

    /** Nanoseconds since the server last answered a PING (at most about {@link #INTERVAL} while it answers). */
    long unansweredNanos(long nowNanos) {
        return Math.max(0, nowNanos - lastAnswerNanos);
    }

    private void run() {
        while (!closed) {
            long start = System.nanoTime();
            try {
                if (connection.getStatus() == Connection.Status.CONNECTED) {
                    connection.flush(PONG_TIMEOUT);
                    lastAnswerNanos = System.nanoTime();
                }
            } catch (TimeoutException | IllegalStateException e) {
                // No PONG in time, or the connection went away meanwhile: no answer, and the next PING tries again.
            } catch (InterruptedException e) {
                return;
            }
            long rest = INTERVAL.toNanos() - (System.nanoTime() - start);
            if (rest > 0 && !closed) {
                LockSupport.parkNanos(this, rest);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
