package dev.imager.worker.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A controllable HTTP/1.1 test target on 127.0.0.1, recording every request it receives with its arrival
 * time ({@link System#nanoTime()}).
 *
 * <p>Paths: {@code /status/<code>} answers that status; {@code /delay/<ms>} answers after that long
 * (scheduled, not blocking); {@code /close} answers and closes the connection; {@code /hang} never answers;
 * {@code /redirect/<code>?to=<location>} answers that status with that {@code Location} (none without {@code to});
 * {@code /loop} redirects (302) to itself; anything else answers 200 {@code ok}. While {@link #stall} is on, every response is held back until
 * {@link #unstall} (then sent in order).
 */
public final class LoopbackHttpServer implements AutoCloseable {

    /** One received request. */
    public record Received(long arrivalNanos, String method, String uri, Map<String, String> headers, String body) {
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Runnable> held = new ConcurrentLinkedQueue<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean stalled;

    private LoopbackHttpServer(SslContext ssl) {
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.incrementAndGet();
                        if (ssl != null) {
                            ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new Handler());
                    }
                });
        channel = b.bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    }

    public static LoopbackHttpServer start() {
        return new LoopbackHttpServer(null);
    }

    public static LoopbackHttpServer startTls(SslContext serverContext) {
        return new LoopbackHttpServer(serverContext);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public List<Received> received() {
        return received;
    }

    /** Connections accepted so far. */
    public int connectionsAccepted() {
        return connections.get();
    }

    /** Holds every response back until {@link #unstall}. */
    public void stall() {
        stalled = true;
    }

    /** Sends every held response now and stops holding. */
    public void unstall() {
        stalled = false;
        Runnable r;
        while ((r = held.poll()) != null) {
            r.run();
        }
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            long arrival = System.nanoTime();
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            req.headers().forEach(e -> headers.merge(e.getKey(), e.getValue(), (a, b) -> a + "," + b));
            received.add(new Received(arrival, req.method().name(), req.uri(), headers,
                    req.content().toString(StandardCharsets.UTF_8)));
            String path = new QueryStringDecoder(req.uri()).path();
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            if (path.equals("/hang")) {
                return;
            }
            int status = 200;
            long delayMs = 0;
            boolean close = path.equals("/close");
            String location = null;
            if (path.startsWith("/redirect/")) {
                status = Integer.parseInt(path.substring("/redirect/".length()));
                List<String> to = new QueryStringDecoder(req.uri()).parameters().get("to");
                location = to == null ? null : to.get(0);
            } else if (path.equals("/loop")) {
                status = 302;
                location = "/loop";
            } else if (path.startsWith("/status/")) {
                status = Integer.parseInt(path.substring("/status/".length()));
            } else if (path.startsWith("/delay/")) {
                delayMs = Long.parseLong(path.substring("/delay/".length()));
            }
            // 1xx, 204 and 304 responses carry no body (a body there would corrupt the connection).
            boolean bodyless = status < 200 || status == 204 || status == 304;
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(status),
                    bodyless ? Unpooled.EMPTY_BUFFER : Unpooled.copiedBuffer("ok", StandardCharsets.UTF_8));
            if (!bodyless) {
                response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 2);
            }
            if (location != null) {
                response.headers().set(HttpHeaderNames.LOCATION, location);
            }
            if (close || !keepAlive) {
                response.headers().set(HttpHeaderNames.CONNECTION, "close");
            }
            boolean closeAfter = close || !keepAlive;
            Runnable send = () -> ctx.channel().eventLoop().execute(() -> {
                var f = ctx.writeAndFlush(response);
                if (closeAfter) {
                    f.addListener(io.netty.channel.ChannelFutureListener.CLOSE);
                }
            });
            if (delayMs > 0) {
                ctx.channel().eventLoop().schedule(() -> respond(send), delayMs, TimeUnit.MILLISECONDS);
            } else {
                respond(send);
            }
        }

        private void respond(Runnable send) {
            if (stalled) {
                held.add(send);
                if (!stalled) {
                    unstall();
                }
            } else {
                send.run();
            }
        }
    }
}
