package dev.imager.worker.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http2.AbstractHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2EventAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A controllable HTTP/2 test target on 127.0.0.1: h2c with prior knowledge, or h2 over TLS when started with a
 * server context that offers h2 by ALPN. It announces {@code maxConcurrentStreams} and records every request with
 * the connection it came on, the most streams it saw open at once, and the streams the client reset.
 *
 * <p>Paths, as {@link LoopbackHttpServer}'s: {@code /status/<code>}, {@code /delay/<ms>}, {@code /hang},
 * {@code /redirect/<code>?to=<location>}, anything else 200 {@code ok}; and {@code /reset} (the server resets the
 * stream), {@code /goaway} (the server sends GOAWAY naming the stream before this one as the last it processes,
 * and does not answer this one).
 */
public final class LoopbackHttp2Server implements AutoCloseable {

    /** One received request. */
    public record Received(int connection, int streamId, String method, String path, String authority,
            Map<String, String> headers, String body) {
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;
    private final int maxConcurrentStreams;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private final AtomicInteger resetsByClient = new AtomicInteger();

    private LoopbackHttp2Server(SslContext tls, int maxConcurrentStreams) {
        this.maxConcurrentStreams = maxConcurrentStreams;
        channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        int id = connections.incrementAndGet();
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new Builder(id).build());
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    }

    /** h2c with prior knowledge. */
    public static LoopbackHttp2Server start(int maxConcurrentStreams) {
        return new LoopbackHttp2Server(null, maxConcurrentStreams);
    }

    /** h2 over TLS; {@code tls} must select h2 by ALPN. */
    public static LoopbackHttp2Server startTls(SslContext tls, int maxConcurrentStreams) {
        return new LoopbackHttp2Server(tls, maxConcurrentStreams);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public List<Received> received() {
        return received;
    }

    public int connectionsAccepted() {
        return connections.get();
    }

    /** The most streams seen open at once on one connection. */
    public int mostStreamsOpen() {
        return mostOpen.get();
    }

    /** Streams the client reset (RST_STREAM from the client). */
    public int resetsByClient() {
        return resetsByClient.get();
    }

    public void clear() {
        received.clear();
        mostOpen.set(0);
        resetsByClient.set(0);
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends Http2ConnectionHandler {
        private final int connection;
        private final Map<Integer, Http2Headers> heads = new HashMap<>();
        private final Map<Integer, StringBuilder> bodies = new HashMap<>();

        Handler(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings, int connection) {
            super(decoder, encoder, settings);
            this.connection = connection;
        }

        private void request(ChannelHandlerContext ctx, int streamId) {
            Http2Headers h = heads.remove(streamId);
            StringBuilder body = bodies.remove(streamId);
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            h.forEach(e -> headers.merge(e.getKey().toString(), e.getValue().toString(), (a, b) -> a + "," + b));
            String uri = h.path().toString();
            received.add(new Received(connection, streamId, h.method().toString(), uri, String.valueOf(h.authority()),
                    headers, body == null ? "" : body.toString()));
            QueryStringDecoder query = new QueryStringDecoder(uri);
            String path = query.path();
            if (path.equals("/hang")) {
                return;
            }
            if (path.equals("/reset")) {
                encoder().writeRstStream(ctx, streamId, Http2Error.INTERNAL_ERROR.code(), ctx.newPromise());
                flush(ctx);
                return;
            }
            if (path.equals("/goaway")) {
                goAway(ctx, streamId - 2, Http2Error.NO_ERROR.code(), Unpooled.EMPTY_BUFFER, ctx.newPromise());
                flush(ctx);
                return;
            }
            int status = 200;
            long delay = 0;
            String location = null;
            if (path.startsWith("/status/")) {
                status = Integer.parseInt(path.substring("/status/".length()));
            } else if (path.startsWith("/delay/")) {
                delay = Long.parseLong(path.substring("/delay/".length()));
            } else if (path.startsWith("/redirect/")) {
                status = Integer.parseInt(path.substring("/redirect/".length()));
                List<String> to = query.parameters().get("to");
                location = to == null ? null : to.get(0);
            }
            int code = status;
            String where = location;
            Runnable answer = () -> respond(ctx, streamId, code, where);
            if (delay > 0) {
                ctx.executor().schedule(answer, delay, TimeUnit.MILLISECONDS);
            } else {
                answer.run();
            }
        }

        private void respond(ChannelHandlerContext ctx, int streamId, int status, String location) {
            if (connection().stream(streamId) == null) {
                return; // reset by the client meanwhile
            }
            Http2Headers h = new DefaultHttp2Headers().status(Integer.toString(status)).setInt("content-length", 2);
            if (location != null) {
                h.set("location", location);
            }
            encoder().writeHeaders(ctx, streamId, h, 0, false, ctx.newPromise());
            encoder().writeData(ctx, streamId, Unpooled.copiedBuffer("ok", StandardCharsets.US_ASCII), 0, true,
                    ctx.newPromise());
            flush(ctx);
        }

        private final class Frames extends Http2EventAdapter {
            @Override
            public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int dependency,
                    short weight, boolean exclusive, int padding, boolean endOfStream) {
                onHeadersRead(ctx, streamId, headers, padding, endOfStream);
            }

            @Override
            public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding,
                    boolean endOfStream) {
                mostOpen.accumulateAndGet(connection().remote().numActiveStreams(), Math::max);
                heads.put(streamId, headers);
                if (endOfStream) {
                    request(ctx, streamId);
                }
            }

            @Override
            public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean end) {
                int n = data.readableBytes();
                bodies.computeIfAbsent(streamId, k -> new StringBuilder()).append(data.toString(StandardCharsets.UTF_8));
                if (end) {
                    request(ctx, streamId);
                }
                return n + padding;
            }

            @Override
            public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode) {
                resetsByClient.incrementAndGet();
            }
        }
    }

    private final class Builder extends AbstractHttp2ConnectionHandlerBuilder<Handler, Builder> {
        private final int connection;

        Builder(int connection) {
            this.connection = connection;
            server(true);
            initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(maxConcurrentStreams));
        }

        @Override
        protected Handler build() {
            return super.build();
        }

        @Override
        protected Handler build(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings) {
            Handler handler = new Handler(decoder, encoder, settings, connection);
            frameListener(handler.new Frames());
            return handler;
        }
    }
}
