package dev.imager.worker.engine;

import dev.imager.protocol.message.Outcome;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import dev.imager.protocol.message.RequestSpec;
import io.netty.buffer.ByteBuf;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * HTTP/1.1 keep-alive connections from one event loop to one target authority (scheme, host, port; targets
 * that differ only in base path share it, which is why each request is encoded with its own target).
 * Event-loop confined: every method
 * runs on {@link LoopContext#loop()}, so there are no locks.
 *
 * <p>A due request takes the most recently used idle connection (keeping few connections hot); with none
 * idle it opens a new one, up to the per-loop cap, and is written as soon as that connection is up. At the
 * cap it is dropped: a request that cannot be sent now is never sent late.
 */
final class ConnectionPool {

    private final LoopContext context;
    private final TargetAddress target;
    private final Bootstrap bootstrap;
    private final int maxConnections;
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private int open;
    private long lastUsedNanos = System.nanoTime();
    private boolean retired;

    ConnectionPool(LoopContext context, TargetAddress target, Bootstrap template, SslContext sslContext,
            int maxConnections) {
        this.context = context;
        this.target = target;
        this.maxConnections = maxConnections;
        this.bootstrap = template.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ChannelPipeline p = ch.pipeline();
                if (target.tls()) {
                    SslHandler ssl = sslContext.newHandler(ch.alloc(), target.host(), target.port());
                    p.addLast("tls", ssl);
                }
                p.addLast("response", new ResponseHandler(ConnectionPool.this));
            }
        });
    }

    /** Sends {@code request} on an idle or new connection, or drops it when the cap is reached. */
    void execute(PendingRequest request) {
        lastUsedNanos = System.nanoTime();
        Channel channel;
        while ((channel = idle.pollLast()) != null) {
            if (channel.isActive()) {
                write(channel, request);
                return;
            }
        }
        if (open >= maxConnections) {
            context.drop(request);
            return;
        }
        open++;
        context.accepted(request);
        ChannelFuture connect = bootstrap.connect(target.host(), target.port());
        Channel opening = connect.channel();
        opening.closeFuture().addListener(f -> onClosed());
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                context.finish(request, OutcomeClassifier.forFailure(f.cause()));
            } else if (request.finished) {
                // It timed out while we connected: keep the fresh connection for the next request.
                release(opening);
            } else {
                send(opening, request);
            }
        });
    }

    private void write(Channel channel, PendingRequest request) {
        context.accepted(request);
        send(channel, request);
    }

    private void send(Channel channel, PendingRequest request) {
        RequestSpec spec = request.lane.spec(request.index);
        ByteBuf http = RequestWriter.write(channel.alloc(), spec, request.target, context.userAgent());
        request.channel = channel;
        channel.pipeline().get(ResponseHandler.class).attach(request, spec.method());
        request.sentNanos = System.nanoTime();
        request.lane.sent(request);
        // A failed write surfaces as exceptionCaught in the ResponseHandler, which fails the request: no
        // promise or listener per request.
        channel.writeAndFlush(http, channel.voidPromise());
    }

    /** A response completed; the connection is reusable unless either side asked to close it. */
    void complete(PendingRequest request, Channel channel, boolean keepAlive) {
        context.finish(request, OutcomeClassifier.forStatus(request.status));
        if (keepAlive) {
            release(channel);
        } else {
            channel.close();
        }
    }

    void fail(PendingRequest request, Outcome outcome) {
        context.finish(request, outcome);
    }

    /** Abandons the connection of a timed-out request: its late response must not reach another request. */
    void abandon(PendingRequest request) {
        Channel channel = request.channel;
        if (channel != null) {
            ResponseHandler handler = channel.pipeline().get(ResponseHandler.class);
            if (handler != null) {
                handler.detach();
            }
            channel.close();
        }
    }

    private void release(Channel channel) {
        if (channel.isActive()) {
            idle.addLast(channel);
        }
    }

    private void onClosed() {
        open--;
        // Closed channels are skipped when polled; compact when they could pile up below live ones.
        if (idle.size() > 2 * Math.max(open, 16)) {
            for (Iterator<Channel> it = idle.iterator(); it.hasNext(); ) {
                if (!it.next().isActive()) {
                    it.remove();
                }
            }
        }
    }

    int openConnections() {
        return open;
    }

    /**
     * Closes this pool when no request has used it for {@code idleNanos} and none of its connections is busy: a worker
     * that loads many targets over its life (pods come and go) must not keep a pool and its connections for each.
     * A lane still holding a retired pool looks its target's pool up again ({@link #isRetired()}).
     *
     * @return true when the pool is retired now
     */
    boolean retireIfIdle(long nowNanos, long idleNanos) {
        if (nowNanos - lastUsedNanos < idleNanos || idle.size() < open) {
            return false;
        }
        retired = true;
        closeIdle();
        return true;
    }

    boolean isRetired() {
        return retired;
    }

    /** Closes every idle connection (engine shutdown). */
    void closeIdle() {
        Channel channel;
        while ((channel = idle.poll()) != null) {
            channel.close();
        }
    }
}
