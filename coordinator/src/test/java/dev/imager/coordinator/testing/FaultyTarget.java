package dev.imager.coordinator.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 target on 127.0.0.1 that misbehaves on purpose and counts what it did, request by request: of every
 * {@code cycle} requests it reads, one is answered by resetting the connection (RST), one is never answered (the
 * connection is held open until the client gives up), and the rest get 200. Its counts are the target's own view,
 * to compare a run's totals with. Bounded: at most {@value #MAX_CONNECTIONS} connections are served at once (more
 * wait in the accept backlog), and a request head is read up to {@value #MAX_HEAD} bytes.
 */
public final class FaultyTarget implements AutoCloseable {

    private static final int MAX_CONNECTIONS = 128;
    private static final int MAX_HEAD = 8_192;
    private static final byte[] OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final int cycle;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong reset = new AtomicLong();
    private final AtomicLong stalled = new AtomicLong();
    private volatile boolean closed;

    private FaultyTarget(ServerSocket server, int cycle) {
        this.server = server;
        this.cycle = cycle;
    }

    /** Starts it: of every {@code cycle} (>= 3) requests, one reset, one stalled, the rest answered. */
    public static FaultyTarget start(int cycle) throws IOException {
        if (cycle < 3) {
            throw new IllegalArgumentException("cycle must be >= 3");
        }
        FaultyTarget target = new FaultyTarget(new ServerSocket(0, 256, InetAddress.getLoopbackAddress()), cycle);
        target.threads.execute(target::accept);
        return target;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Request heads read. */
    public long received() {
        return received.get();
    }

    /** Requests answered 200. */
    public long answered() {
        return answered.get();
    }

    /** Requests answered with a connection reset. */
    public long reset() {
        return reset.get();
    }

    /** Requests never answered. */
    public long stalled() {
        return stalled.get();
    }

    private void accept() {
        while (!closed) {
            try {
                slots.acquire();
                Socket socket = server.accept();
                threads.execute(() -> {
                    try (socket) {
                        serve(socket);
                    } catch (IOException gone) {
                        // The client closed or timed out: nothing more to count.
                    } finally {
                        slots.release();
                    }
                });
            } catch (IOException | InterruptedException e) {
                slots.release();
                return;
            }
        }
    }

    private void serve(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        while (readHead(in)) {
            long n = received.incrementAndGet();
            if (n % cycle == 1) {
                reset.incrementAndGet();
                socket.setSoLinger(true, 0); // close sends RST
                return;
            }
            if (n % cycle == 2) {
                stalled.incrementAndGet();
                // Hold the connection without answering until the client closes it (its request timeout).
                while (in.read() >= 0) {
                    // discard
                }
                return;
            }
            out.write(OK);
            out.flush();
            answered.incrementAndGet();
        }
    }

    /** Reads one request head (GET requests without a body); false at the end of the stream. */
    private static boolean readHead(InputStream in) throws IOException {
        int matched = 0;
        int length = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return false;
            }
            if (++length > MAX_HEAD) {
                throw new IOException("request head over " + MAX_HEAD + " bytes");
            }
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        threads.shutdownNow();
    }
}
