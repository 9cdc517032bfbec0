package dev.imager.worker.engine;

import dev.imager.protocol.message.Outcome;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * HTTP/1.1 keep-alive connections from one event loop to one target authority (scheme, host, port; targets
 * that differ only in base path share it, which is why each request is encoded with its own target).
 * Event-loop confined: every method runs on {@link LoopContext#loop()}, so there are no locks.
 *
 * <p>A due request takes the most recently used idle connection (keeping few connections hot); with none
 * idle it opens a new one, up to the per-loop cap, and is written as soon as that connection is up. At the
 * cap it is dropped: a request that cannot be sent now is never sent late.
 *
 * <p>Through an HTTP proxy, requests to an http target are written in absolute form to the proxy; connections to
 * an https target are tunnelled with {@code CONNECT} ({@link ProxyTunnel}) before TLS.
 */
final class ConnectionPool implements TargetPool {

    private final LoopContext context;
    private final TargetAddress target;
    private final Bootstrap bootstrap;
    private final int maxConnections;
    /** The proxy requests are written to in absolute form, or null (direct, or tunnelled). */
    private final ProxyAddress forwardProxy;
    private final String connectHost;
    private final int connectPort;
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private final RepeatedRequest repeated = new RepeatedRequest();
    private int open;
    private long lastUsedNanos = System.nanoTime();
    private boolean retired;

    ConnectionPool(LoopContext context, TargetAddress target, Bootstrap template, SslContext sslContext,
            ProxyAddress proxy, int maxConnections) {
        this.context = context;
        this.target = target;
        this.maxConnections = maxConnections;
        boolean tunnel = proxy != null && target.tls();
        this.forwardProxy = proxy != null && !tunnel ? proxy : null;
        this.connectHost = proxy != null ? proxy.host() : target.host();
        this.connectPort = proxy != null ? proxy.port() : target.port();
        this.bootstrap = template.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ChannelPipeline p = ch.pipeline();
                if (tunnel) {
                    p.addLast("proxy", new ProxyTunnel(target, proxy));
                }
                if (target.tls()) {
                    SslHandler ssl = sslContext.newHandler(ch.alloc(), target.host(), target.port());
                    p.addLast("tls", ssl);
                }
                p.addLast("response", new ResponseHandler(ConnectionPool.this));
            }
        });
    }

    @Override
    public void execute(PendingRequest request) {
        lastUsedNanos = System.nanoTime();
        Channel channel;
        while ((channel = idle.pollLast()) != null) {
            if (channel.isActive()) {
                write(channel, request);
                return;
            }
        }
        if (open >= maxConnections) {
            context.noConnection(request);
            return;
        }
        open++;
        context.accepted(request);
        request.pool = this;
        ChannelFuture connect = bootstrap.connect(connectHost, connectPort);
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

    /**
     * Takes over a connection another pool opened whose TLS handshake settled on HTTP/1.1 (ALPN in
     * {@code --http-version auto}), and sends {@code request} on it.
     */
    void adopt(Channel channel, PendingRequest request) {
        open++;
        channel.closeFuture().addListener(f -> onClosed());
        channel.pipeline().addLast("response", new ResponseHandler(this));
        request.pool = this;
        if (request.finished) {
            release(channel);
        } else {
            send(channel, request);
        }
    }

    private void write(Channel channel, PendingRequest request) {
        context.accepted(request);
        request.pool = this;
        send(channel, request);
    }

    private void send(Channel channel, PendingRequest request) {
        ByteBuf http = repeated.render(channel.alloc(), request.spec, request.target, context.userAgent(),
                forwardProxy);
        request.channel = channel;
        handlerOf(channel).attach(request, request.spec.method());
        if (request.sentNanos == 0) {
            // A redirect's next request keeps the first write: service time runs from there.
            request.sentNanos = System.nanoTime();
            request.lane.sent(request);
        }
        // A failed write surfaces as exceptionCaught in the ResponseHandler, which fails the request: no
        // promise or listener per request.
        channel.writeAndFlush(http, channel.voidPromise());
    }

    /** The connection's response handler: always the pipeline's last handler (added last, nothing after it). */
    private static ResponseHandler handlerOf(Channel channel) {
        return (ResponseHandler) channel.pipeline().last();
    }

    /**
     * A response completed; the connection is reusable unless either side asked to close it. It is released
     * before the response is judged, so a redirect to the same authority can go out on it at once.
     */
    void complete(PendingRequest request, Channel channel, boolean keepAlive) {
        if (keepAlive) {
            release(channel);
        } else {
            channel.close();
        }
        context.responded(request);
    }

    void fail(PendingRequest request, Outcome outcome) {
        context.finish(request, outcome);
    }

    @Override
    public void abandon(PendingRequest request) {
        Channel channel = request.channel;
        if (channel != null) {
            if (channel.pipeline().last() instanceof ResponseHandler handler) {
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

    @Override
    public int openConnections() {
        return open;
    }

    @Override
    public boolean retireIfIdle(long nowNanos, long idleNanos) {
        if (nowNanos - lastUsedNanos < idleNanos || idle.size() < open) {
            return false;
        }
        retired = true;
        closeIdle();
        return true;
    }

    @Override
    public boolean isRetired() {
        return retired;
    }

    @Override
    public void closeIdle() {
        Channel channel;
        while ((channel = idle.poll()) != null) {
            channel.close();
        }
    }
}
