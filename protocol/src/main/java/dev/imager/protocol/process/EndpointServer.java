package dev.imager.protocol.process;

import dev.imager.protocol.DaemonThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server for a process's own endpoints, built so that no client can keep it from answering a
 * health probe. One selector thread reads every request head without blocking, each within
 * {@link #READ_TIMEOUT} of the connection's accept and at most {@link #MAX_HEAD_BYTES} long; a client that sends
 * half a request and stalls costs one idle connection until then, never a thread. Cheap routes (the health check)
 * are answered on that thread at once; rendered ones (a scrape) go to {@link #RENDER_THREADS} threads with a short
 * queue, so a slow scrape delays neither the health check nor other clients. Responses are written without blocking
 * too, within {@link #WRITE_TIMEOUT}; every response closes its connection. At most {@link #MAX_CONNECTIONS} are
 * open: a new one closes the oldest that is still sending its request.
 */
final class EndpointServer implements AutoCloseable {

    /** How a route answers. */
    interface Handler {
        /** The response to {@code method path?query} ({@code query} raw, {@code ""} when none: from the client). */
        Response handle(String method, String path, String query);
    }

    /** Where a route runs: on the selector thread (must be quick and never block) or on a render thread. */
    record Route(boolean inline, Handler handler) {
    }

    /** Finds the route of a path, or null for none. */
    interface Routes {
        Route find(String path);
    }

    /** Longest time from accept to a complete request head. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    /** Longest time to hand a response to a client. */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
    /** Largest request head (request line and headers); a larger one is answered 431. */
    static final int MAX_HEAD_BYTES = 8 * 1024;
    /** Most connections open at once. */
    static final int MAX_CONNECTIONS = 64;
    /** Threads rendering responses (scrapes, status). */
    static final int RENDER_THREADS = 2;
    /** Renders waiting for a thread; beyond it a request is answered 503. */
    static final int RENDER_QUEUE = 16;

    private static final Logger LOG = LoggerFactory.getLogger(EndpointServer.class);
    private static final long SWEEP_MILLIS = 100;

    private final Selector selector;
    private final ServerSocketChannel server;
    private final Routes routes;
    private final ThreadPoolExecutor renderers;
    private final Set<Exchange> open = new LinkedHashSet<>();
    private final Queue<Exchange> rendered = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    EndpointServer(InetSocketAddress address, Routes routes) throws IOException {
        this.routes = routes;
        this.selector = Selector.open();
        this.server = ServerSocketChannel.open();
        try {
            server.bind(address, 64);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            server.close();
            selector.close();
            throw e;
        }
        this.renderers = new ThreadPoolExecutor(RENDER_THREADS, RENDER_THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(RENDER_QUEUE), new DaemonThreadFactory("imager-http-render"));
        this.thread = new DaemonThreadFactory("imager-http").newThread(this::loop);
        thread.start();
    }

    int port() {
        return server.socket().getLocalPort();
    }

    private void loop() {
        try {
            while (!closed) {
                selector.select(SWEEP_MILLIS);
                Exchange done;
                while ((done = rendered.poll()) != null) {
                    startWriting(done);
                }
                for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    handle(key);
                }
                sweep(System.nanoTime());
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!closed) {
                LOG.error("HTTP endpoint server stopped: {}", e.toString());
            }
        } finally {
            for (Exchange e : open.toArray(new Exchange[0])) {
                close(e);
            }
        }
    }

    private void handle(SelectionKey key) {
        try {
            if (!key.isValid()) {
                return;
            }
            if (key.isAcceptable()) {
                accept();
            } else if (key.isReadable()) {
                read((Exchange) key.attachment());
            } else if (key.isWritable()) {
                write((Exchange) key.attachment());
            }
        } catch (IOException e) {
            if (key.attachment() instanceof Exchange exchange) {
                close(exchange);
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = server.accept()) != null) {
            if (open.size() >= MAX_CONNECTIONS && !closeOldestReading()) {
                channel.close();
                continue;
            }
            channel.configureBlocking(false);
            Exchange exchange = new Exchange(channel, System.nanoTime());
            exchange.key = channel.register(selector, SelectionKey.OP_READ, exchange);
            open.add(exchange);
        }
    }

    /** Makes room for a new connection by closing the oldest one still sending its request; false when none is. */
    private boolean closeOldestReading() {
        for (Exchange e : open) {
            if (e.phase == Phase.READING) {
                close(e);
                return true;
            }
        }
        return false;
    }

    private void read(Exchange exchange) throws IOException {
        int n = exchange.channel.read(exchange.in);
        if (n < 0) {
            close(exchange);
            return;
        }
        RequestHead head = RequestHead.parse(exchange.in);
        if (head == null) {
            if (!exchange.in.hasRemaining()) {
                respond(exchange, Response.text(431, "request header fields too large\n"), false);
            }
            return;
        }
        if (head.malformed()) {
            respond(exchange, Response.text(400, "bad request\n"), false);
            return;
        }
        Route route = routes.find(head.path());
        if (route == null) {
            respond(exchange, Response.text(404, "404 page not found\n"), head.isHead());
        } else if (route.inline()) {
            respond(exchange, route.handler().handle(head.method(), head.path(), head.query()), head.isHead());
        } else {
            render(exchange, route, head);
        }
    }

    private void render(Exchange exchange, Route route, RequestHead head) {
        exchange.phase = Phase.RENDERING;
        exchange.key.interestOps(0);
        try {
            renderers.execute(() -> {
                Response response;
                try {
                    response = route.handler().handle(head.method(), head.path(), head.query());
                } catch (RuntimeException e) {
                    LOG.warn("cannot render {}: {}", head.path(), e.toString());
                    response = Response.text(500, "internal error\n");
                }
                exchange.response = response.bytes(head.isHead());
                rendered.add(exchange);
                selector.wakeup();
            });
        } catch (RejectedExecutionException e) {
            respond(exchange, Response.text(503, "busy\n"), head.isHead());
        }
    }

    private void respond(Exchange exchange, Response response, boolean head) {
        exchange.response = response.bytes(head);
        startWriting(exchange);
    }

    private void startWriting(Exchange exchange) {
        if (!exchange.channel.isOpen()) {
            return;
        }
        exchange.phase = Phase.WRITING;
        exchange.writeDeadlineNanos = System.nanoTime() + WRITE_TIMEOUT.toNanos();
        try {
            write(exchange);
        } catch (IOException e) {
            close(exchange);
        }
    }

    private void write(Exchange exchange) throws IOException {
        exchange.channel.write(exchange.response);
        if (exchange.response.hasRemaining()) {
            exchange.key.interestOps(SelectionKey.OP_WRITE);
        } else {
            close(exchange);
        }
    }

    private void sweep(long now) {
        ArrayDeque<Exchange> expired = new ArrayDeque<>();
        for (Exchange e : open) {
            if (e.phase == Phase.READING && now - e.acceptedNanos > READ_TIMEOUT.toNanos()
                    || e.phase == Phase.WRITING && now - e.writeDeadlineNanos > 0) {
                expired.add(e);
            }
        }
        expired.forEach(this::close);
    }

    private void close(Exchange exchange) {
        open.remove(exchange);
        if (exchange.key != null) {
            exchange.key.cancel();
        }
        try {
            exchange.channel.close();
        } catch (IOException e) {
            LOG.debug("closing an HTTP connection: {}", e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        renderers.shutdownNow();
        try {
            server.close();
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing the HTTP endpoint server: {}", e.toString());
        }
    }

    private enum Phase { READING, RENDERING, WRITING }

    /** One connection and its one request. Confined to the selector thread, except what a render hands back. */
    private static final class Exchange {
        final SocketChannel channel;
        final long acceptedNanos;
        final ByteBuffer in = ByteBuffer.allocate(MAX_HEAD_BYTES);
        SelectionKey key;
        volatile Phase phase = Phase.READING;
        volatile ByteBuffer response;
        long writeDeadlineNanos;

        Exchange(SocketChannel channel, long acceptedNanos) {
            this.channel = channel;
            this.acceptedNanos = acceptedNanos;
        }
    }
}
