package dev.imager.worker.engine;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.PendingWriteQueue;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;

/**
 * Opens a tunnel through an HTTP proxy with {@code CONNECT host:port}, first in the pipeline of a connection to an
 * https target (or an h2c one). Everything written meanwhile (the TLS handshake, the first request) is held and
 * sent once the proxy answers 2xx; then the handler removes itself and the connection is the target's. Any other
 * answer fails the connection with a {@link Refused} (a {@link ConnectException}: the request counts as a connect
 * error). The proxy's answer head is bounded.
 */
final class ProxyTunnel extends ChannelDuplexHandler {

    /** Longest proxy answer head (status line and headers) accepted. */
    static final int MAX_ANSWER_HEAD = 8 * 1024;

    private final String authority;
    private final String authorization;
    private PendingWriteQueue held;
    private ByteBuf head;
    private boolean sent;
    private boolean open;
    private boolean failed;

    ProxyTunnel(TargetAddress target, ProxyAddress proxy) {
        String host = target.host().indexOf(':') >= 0 ? "[" + target.host() + "]" : target.host();
        this.authority = host + ":" + target.port();
        this.authorization = proxy.authorization();
    }

    /** The proxy did not open the tunnel. */
    static final class Refused extends ConnectException {
        Refused(String message) {
            super(message);
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        held = new PendingWriteQueue(ctx);
        head = ctx.alloc().buffer(256);
        if (ctx.channel().isActive()) {
            sendConnect(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        sendConnect(ctx);
        ctx.fireChannelActive();
    }

    private void sendConnect(ChannelHandlerContext ctx) {
        if (sent) {
            return;
        }
        sent = true;
        StringBuilder request = new StringBuilder(128).append("CONNECT ").append(authority).append(" HTTP/1.1\r\nHost: ")
                .append(authority).append("\r\n");
        if (authorization != null) {
            request.append("Proxy-Authorization: ").append(authorization).append("\r\n");
        }
        request.append("\r\n");
        ctx.writeAndFlush(ctx.alloc().buffer(request.length()).writeBytes(
                request.toString().getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (open) {
            ctx.write(msg, promise);
        } else {
            held.add(msg, promise);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (open) {
            ctx.flush();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (open) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf in = (ByteBuf) msg;
        try {
            int room = MAX_ANSWER_HEAD - head.readableBytes();
            head.writeBytes(in, Math.min(room, in.readableBytes()));
            int end = endOfHead();
            if (end < 0) {
                if (head.readableBytes() >= MAX_ANSWER_HEAD) {
                    fail(ctx, "the proxy's answer to CONNECT is longer than " + MAX_ANSWER_HEAD + " bytes");
                }
                return;
            }
            int status = status();
            if (status < 200 || status > 299) {
                fail(ctx, status < 0 ? "the proxy's answer to CONNECT is not HTTP"
                        : "the proxy answered CONNECT " + authority + " with " + status);
                return;
            }
            open = true;
            head.readerIndex(end);
            ByteBuf rest = head.readableBytes() > 0 || in.isReadable()
                    ? ctx.alloc().buffer(head.readableBytes() + in.readableBytes()).writeBytes(head).writeBytes(in) : null;
            held.removeAndWriteAll();
            ctx.flush();
            ctx.pipeline().remove(this);
            if (rest != null) {
                ctx.fireChannelRead(rest);
            }
        } finally {
            in.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!open && !failed) {
            failed = true;
            Refused cause = new Refused("the proxy closed the connection before opening the tunnel to " + authority);
            held.removeAndFailAll(cause);
            ctx.fireExceptionCaught(cause);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (!open) {
            held.removeAndFailAll(new Refused("the tunnel to " + authority + " was not opened"));
        }
        head.release();
    }

    private void fail(ChannelHandlerContext ctx, String message) {
        Refused cause = new Refused(message);
        failed = true;
        held.removeAndFailAll(cause);
        ctx.fireExceptionCaught(cause);
        ctx.close();
    }

    // Index just past the blank line ending the answer head, or -1 while it is incomplete.
    private int endOfHead() {
        int from = head.readerIndex();
        for (int i = from; i + 3 < head.writerIndex(); i++) {
            if (head.getByte(i) == '\r' && head.getByte(i + 1) == '\n' && head.getByte(i + 2) == '\r'
                    && head.getByte(i + 3) == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    // The status of "HTTP/1.x NNN ...", or -1.
    private int status() {
        int i = head.readerIndex();
        if (head.readableBytes() < 12 || head.getByte(i) != 'H' || head.getByte(i + 4) != '/' || head.getByte(i + 8) != ' ') {
            return -1;
        }
        int status = 0;
        for (int k = 9; k < 12; k++) {
            byte b = head.getByte(i + k);
            if (b < '0' || b > '9') {
                return -1;
            }
            status = status * 10 + (b - '0');
        }
        return status;
    }
}
