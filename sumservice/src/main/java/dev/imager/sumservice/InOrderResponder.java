package dev.imager.sumservice;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Writes one connection's responses in request order, whenever each becomes ready.
 *
 * <p>HTTP/1.1 lets a client pipeline requests, and its responses must come back in the same order. With the
 * capacity simulation a {@code /sum} answer is ready only after its service time while a following
 * {@code /healthz} is ready at once, so each request reserves a {@link Slot} on arrival and responses leave
 * only from the head of the slot queue. The same place applies the per-request protocol details: the
 * response's HTTP version, {@code Connection} header, HEAD (headers without body), closing after a
 * non-keep-alive exchange, and recording the metrics when the response leaves.
 *
 * <p>Memory stays bounded per connection: with {@link #MAX_PENDING} responses outstanding the connection
 * stops reading until they drain.
 *
 * <p>Event-loop confined: every method runs on the channel's event loop; callers completing a slot from
 * another thread hop there first.
 */
final class InOrderResponder {

    /** Outstanding responses per connection before reading pauses; well below Netty's pipelining limit. */
    static final int MAX_PENDING = 16;

    /**
     * How long a connection whose last response said {@code Connection: close} keeps draining input after
     * sending its FIN, unless the client closes first. Closing at once with unread input makes the kernel
     * send a reset, which can destroy the response before the client reads it (Go's server waits 500 ms
     * for the same reason).
     */
    static final long LINGER_MILLIS = 1_000;

    /** One request's place in the response order, with what its response needs to know about it. */
    static final class Slot {
        private final HttpVersion version;
        private final boolean keepAlive;
        private final boolean head;
        private final Route route;
        private final long startNanos;
        private FullHttpResponse response;
        private boolean discarded;

        Slot(HttpVersion version, boolean keepAlive, boolean head, Route route, long startNanos) {
            this.version = version;
            this.keepAlive = keepAlive;
            this.head = head;
            this.route = route;
            this.startNanos = startNanos;
        }
    }

    private final ChannelHandlerContext ctx;
    private final ServiceMetrics metrics;
    private final ArrayDeque<Slot> pending = new ArrayDeque<>();
    private boolean closing;
    private boolean readPaused;

    InOrderResponder(ChannelHandlerContext ctx, ServiceMetrics metrics) {
        this.ctx = ctx;
        this.metrics = metrics;
    }

    /**
     * Whether a response that closes the connection has been reserved; requests after it are ignored, as
     * the client must not expect answers past a {@code Connection: close}.
     */
    boolean closing() {
        return closing;
    }

    /** Reserves the next place in the response order. */
    Slot reserve(HttpVersion version, boolean keepAlive, boolean head, Route route, long startNanos) {
        Slot slot = new Slot(version, keepAlive, head, route, startNanos);
        pending.addLast(slot);
        if (!keepAlive) {
            closing = true;
        }
        if (pending.size() >= MAX_PENDING && !readPaused) {
            readPaused = true;
            ctx.channel().config().setAutoRead(false);
        }
        return slot;
    }

    /** Gives {@code slot} its response and writes every response that is now at the head of the order. */
    void complete(Slot slot, FullHttpResponse response) {
        metrics.record(slot.route, response.status().code(), System.nanoTime() - slot.startNanos);
        if (slot.discarded || !ctx.channel().isActive()) {
            response.release();
            return;
        }
        slot.response = prepare(slot, response);
        boolean wrote = false;
        while (!pending.isEmpty() && pending.peekFirst().response != null) {
            Slot ready = pending.pollFirst();
            wrote = true;
            if (ready.keepAlive) {
                ctx.write(ready.response, ctx.voidPromise());
            } else {
                ctx.writeAndFlush(ready.response).addListener((ChannelFutureListener) this::lingeringClose);
                discardPending();
                return;
            }
        }
        if (wrote) {
            ctx.flush();
        }
        if (readPaused && pending.size() < MAX_PENDING / 2) {
            readPaused = false;
            ctx.channel().config().setAutoRead(true);
            ctx.read();
        }
    }

    /** Drops every response not yet written (later completions are dropped too); the connection is going away. */
    void discardPending() {
        for (Slot slot : pending) {
            slot.discarded = true;
            if (slot.response != null) {
                slot.response.release();
                slot.response = null;
            }
        }
        pending.clear();
    }

    /**
     * Ends the connection after its last response: send FIN, keep reading and discarding whatever the client
     * still sends, close when it closes or after {@link #LINGER_MILLIS}.
     */
    private void lingeringClose(ChannelFuture written) {
        Channel channel = ctx.channel();
        if (!written.isSuccess() || !(channel instanceof DuplexChannel duplex)) {
            ctx.close();
            return;
        }
        channel.config().setAutoRead(true);
        duplex.shutdownOutput().addListener(ignored -> {
            if (channel.isActive()) {
                ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
            }
        });
    }

    private static FullHttpResponse prepare(Slot slot, FullHttpResponse response) {
        FullHttpResponse prepared = response;
        if (slot.head) {
            // Same headers, including the Content-Length the GET would have had, but no body.
            prepared = response.replace(Unpooled.EMPTY_BUFFER);
            response.release();
        }
        // Answer 1.0 with 1.0; anything newer (1.1, or a future 1.x) with the highest version spoken here.
        prepared.setProtocolVersion(
                HttpVersion.HTTP_1_0.equals(slot.version) ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1);
        HttpUtil.setKeepAlive(prepared, slot.keepAlive);
        return prepared;
    }
}
