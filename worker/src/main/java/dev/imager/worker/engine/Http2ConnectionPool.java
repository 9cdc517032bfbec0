package dev.imager.worker.engine;

import dev.imager.protocol.message.HttpVersionChoice;
import dev.imager.protocol.message.Outcome;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP/2 connections from one event loop to one target authority: h2 by ALPN on https, h2c with prior knowledge on
 * http, tunnelled through an HTTP proxy with {@code CONNECT} when one applies. Event-loop confined.
 *
 * <p>A due request takes a stream on the session used last if it has room, else on any session with room; with
 * none, a new connection is opened (up to the per-loop cap) and the request waits for it to start; at the cap it
 * is dropped, never sent late. Requests may wait for a starting connection up to our stream cap, so a burst at the
 * start of a run opens one connection, not one per request.
 *
 * <p>With {@code --http-version auto} ({@code negotiating}) the server may pick {@code http/1.1} by ALPN: a
 * connection that settles on HTTP/1.1 is handed with its first waiting request to this loop's HTTP/1.1 pool for the
 * authority; the other requests that waited for it, and every later request, go to that pool as if they had just
 * come due (each on a connection of its own, or dropped at the cap).
 */
final class Http2ConnectionPool implements TargetPool {

    private final LoopContext context;
    private final TargetAddress target;
    /** The target's host header value, for every request's {@code :authority}. */
    private final String authority;
    private final Bootstrap bootstrap;
    private final SslContext sslContext;
    private final ProxyAddress proxy;
    private final int maxConnections;
    private final int maxStreams;
    private final boolean negotiating;
    private final List<Http2Session> sessions = new ArrayList<>();
    private Http2Session last;
    /** Set once the server chose HTTP/1.1 in a negotiating pool: every request goes to it from then on. */
    private ConnectionPool http1;
    private long lastUsedNanos = System.nanoTime();
    private boolean retired;

    Http2ConnectionPool(LoopContext context, TargetAddress target, Bootstrap bootstrap, SslContext sslContext,
            ProxyAddress proxy, int maxConnections, int maxStreams, boolean negotiating) {
        this.context = context;
        this.target = target;
        this.authority = target.hostHeader();
        this.bootstrap = bootstrap;
        this.sslContext = target.tls() ? sslContext : null;
        this.proxy = proxy;
        this.maxConnections = maxConnections;
        this.maxStreams = maxStreams;
        this.negotiating = negotiating;
    }

    String authority() {
        return authority;
    }

    @Override
    public void execute(PendingRequest request) {
        lastUsedNanos = System.nanoTime();
        if (http1 != null) {
            http1.execute(request);
            return;
        }
        Http2Session session = last != null && last.canTake() ? last : null;
        for (int i = 0; session == null && i < sessions.size(); i++) {
            Http2Session s = sessions.get(i);
            if (s.canTake()) {
                session = s;
            }
        }
        if (session == null) {
            if (sessions.size() >= maxConnections) {
                context.noConnection(request);
                return;
            }
            session = open();
        }
        last = session;
        context.accepted(request);
        request.pool = this;
        session.submit(request);
    }

    private Http2Session open() {
        Http2Session session = Http2Session.create(this, context, maxStreams);
        sessions.add(session);
        ChannelFuture connect = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ChannelPipeline p = ch.pipeline();
                if (proxy != null) {
                    p.addLast("proxy", new ProxyTunnel(target, proxy));
                }
                if (sslContext == null) {
                    p.addLast("h2", session);
                } else {
                    p.addLast("tls", sslContext.newHandler(ch.alloc(), target.host(), target.port()));
                    p.addLast("alpn", new Negotiation(session));
                }
            }
        }).connect(proxy != null ? proxy.host() : target.host(), proxy != null ? proxy.port() : target.port());
        connect.channel().closeFuture().addListener(f -> onClosed(session));
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                connect.channel().close();
            }
        });
        return session;
    }

    /** The session got a GOAWAY: it takes no new streams. */
    void sessionGoingAway(Http2Session session) {
        if (last == session) {
            last = null;
        }
    }

    private void onClosed(Http2Session session) {
        session.closed();
        sessions.remove(session);
        if (last == session) {
            last = null;
        }
    }

    // In a negotiating pool, the server chose HTTP/1.1 for this connection: it and its request go to the HTTP/1.1
    // pool, and so does everything after.
    private void settledOnHttp1(Channel channel, Http2Session session) {
        sessions.remove(session);
        if (last == session) {
            last = null;
        }
        if (http1 == null) {
            http1 = (ConnectionPool) context.pool(target, HttpVersionChoice.HTTP_1_1);
        }
        ArrayDeque<PendingRequest> waiting = session.takeWaiting();
        PendingRequest first = waiting.poll();
        if (http1 == null || first == null) {
            channel.close();
        } else {
            http1.adopt(channel, first);
        }
        PendingRequest other;
        while ((other = waiting.poll()) != null) {
            if (http1 == null) {
                context.finish(other, Outcome.OTHER_ERROR);
            } else if (!other.finished) {
                http1.execute(other);
            }
        }
    }

    @Override
    public void abandon(PendingRequest request) {
        Channel channel = request.channel;
        if (channel != null && request.streamId != 0) {
            Http2Session session = channel.pipeline().get(Http2Session.class);
            if (session != null) {
                session.cancel(request);
            }
        }
        // A request still waiting for its connection is skipped when the connection starts (it is finished).
    }

    @Override
    public int openConnections() {
        return sessions.size();
    }

    @Override
    public boolean retireIfIdle(long nowNanos, long idleNanos) {
        if (nowNanos - lastUsedNanos < idleNanos) {
            return false;
        }
        for (Http2Session session : sessions) {
            if (!session.ready() || session.activeStreams() > 0) {
                return false; // connecting, or carrying requests
            }
        }
        if (http1 != null && !http1.retireIfIdle(nowNanos, idleNanos)) {
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
        for (Http2Session session : List.copyOf(sessions)) {
            if (session.ready() && session.activeStreams() == 0) {
                session.shutdown();
            }
        }
    }

    /** Installs the session once TLS has settled the protocol by ALPN. */
    private final class Negotiation extends ApplicationProtocolNegotiationHandler {

        private final Http2Session session;

        Negotiation(Http2Session session) {
            super(ApplicationProtocolNames.HTTP_1_1);
            this.session = session;
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                ctx.pipeline().addLast("h2", session);
            } else if (negotiating) {
                settledOnHttp1(ctx.channel(), session);
            } else {
                ctx.close(); // --http-version 2 and the server does not speak h2: its requests cannot be sent
            }
        }

        @Override
        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // Before a protocol is settled every failure (TLS, proxy) ends the connection; its waiting requests are
            // counted as connect errors when it closes.
            ctx.close();
        }
    }
}
