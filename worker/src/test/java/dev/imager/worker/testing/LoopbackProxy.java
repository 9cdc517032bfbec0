package dev.imager.worker.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A forward HTTP proxy on 127.0.0.1 for tests, counting what goes through it: requests in absolute form are
 * forwarded (one upstream connection per request), {@code CONNECT} opens a byte tunnel. Whatever host a client
 * names, the proxy connects to 127.0.0.1 at the named port, so a test can use host names that resolve nowhere and
 * prove the request went through the proxy (it could not have reached the target otherwise), and all traffic stays
 * on loopback.
 */
public final class LoopbackProxy implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;
    /** Request lines of forwarded requests, e.g. {@code GET http://target:8080/ok HTTP/1.1}. */
    private final List<String> forwarded = new CopyOnWriteArrayList<>();
    /** Authorities of the tunnels asked for, e.g. {@code target:8443}. */
    private final List<String> tunnels = new CopyOnWriteArrayList<>();
    /** The Proxy-Authorization header of each request or CONNECT ("" when absent). */
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile boolean refuseTunnels;

    private LoopbackProxy() {
        channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("codec", new HttpServerCodec())
                                .addLast("aggregator", new HttpObjectAggregator(1 << 20))
                                .addLast("frontend", new Frontend());
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    }

    public static LoopbackProxy start() {
        return new LoopbackProxy();
    }

    public String url() {
        return "http://127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public List<String> forwarded() {
        return forwarded;
    }

    public List<String> tunnels() {
        return tunnels;
    }

    public List<String> authorizations() {
        return authorizations;
    }

    /** Answers every CONNECT with 403 from now on. */
    public void refuseTunnels() {
        refuseTunnels = true;
    }

    public void clear() {
        forwarded.clear();
        tunnels.clear();
        authorizations.clear();
        refuseTunnels = false;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Frontend extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            String auth = req.headers().get(HttpHeaderNames.PROXY_AUTHORIZATION);
            authorizations.add(auth == null ? "" : auth);
            if (req.method().equals(HttpMethod.CONNECT)) {
                tunnel(ctx, req.uri());
            } else {
                forward(ctx, req.retain());
            }
        }

        private void tunnel(ChannelHandlerContext ctx, String authority) {
            tunnels.add(authority);
            if (refuseTunnels) {
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FORBIDDEN))
                        .addListener(ChannelFutureListener.CLOSE);
                return;
            }
            Channel client = ctx.channel();
            client.config().setAutoRead(false);
            int port = Integer.parseInt(authority.substring(authority.lastIndexOf(':') + 1));
            new Bootstrap().group(client.eventLoop()).channel(NioSocketChannel.class)
                    .handler(new Relay(client)).connect("127.0.0.1", port).addListener((ChannelFutureListener) f -> {
                        if (!f.isSuccess()) {
                            client.close();
                            return;
                        }
                        Channel upstream = f.channel();
                        // Written below the HTTP codec: these are raw bytes, not an HTTP message object.
                        client.pipeline().context("codec").writeAndFlush(Unpooled.copiedBuffer("HTTP/1.1 200 Connection established\r\n\r\n",
                                java.nio.charset.StandardCharsets.ISO_8859_1)).addListener(w -> {
                                    client.pipeline().remove("frontend");
                                    client.pipeline().remove("aggregator");
                                    client.pipeline().remove("codec");
                                    client.pipeline().addLast(new Relay(upstream));
                                    client.config().setAutoRead(true);
                                });
                    });
        }

        private void forward(ChannelHandlerContext ctx, FullHttpRequest req) {
            URI uri = URI.create(req.uri());
            forwarded.add(req.method() + " " + req.uri() + " " + req.protocolVersion());
            int port = uri.getPort() >= 0 ? uri.getPort() : 80;
            String origin = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            req.setUri(origin.isEmpty() ? "/" : origin);
            req.headers().remove(HttpHeaderNames.PROXY_AUTHORIZATION);
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            Channel client = ctx.channel();
            new Bootstrap().group(client.eventLoop()).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                                    new SimpleChannelInboundHandler<FullHttpResponse>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext up, FullHttpResponse res) {
                                            HttpUtil.setKeepAlive(res, keepAlive);
                                            var done = client.writeAndFlush(res.retain());
                                            if (!keepAlive) {
                                                done.addListener(ChannelFutureListener.CLOSE);
                                            }
                                            up.close();
                                        }
                                    });
                        }
                    }).connect("127.0.0.1", port).addListener((ChannelFutureListener) f -> {
                        if (f.isSuccess()) {
                            f.channel().writeAndFlush(req);
                        } else {
                            req.release();
                            client.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                    HttpResponseStatus.BAD_GATEWAY)).addListener(ChannelFutureListener.CLOSE);
                        }
                    });
        }
    }

    /** Copies bytes to {@code peer}; closes it when this side closes. */
    private static final class Relay extends ChannelInboundHandlerAdapter {
        private final Channel peer;

        Relay(Channel peer) {
            this.peer = peer;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            peer.writeAndFlush(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            peer.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
