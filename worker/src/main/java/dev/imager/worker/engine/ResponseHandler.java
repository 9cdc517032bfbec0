package dev.imager.worker.engine;

import dev.imager.protocol.message.HttpProtocol;
import dev.imager.protocol.message.Outcome;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Completes the one request a connection carries at a time (no pipelining), reading the response with a
 * {@link ResponseParser}. Event-loop confined. The body is counted as it streams in, never kept: the engine
 * measures, it does not keep responses.
 */
final class ResponseHandler extends ChannelInboundHandlerAdapter implements ResponseParser.Listener {

    private final ConnectionPool pool;
    private final ResponseParser parser = new ResponseParser(this);
    private Channel channel;
    private PendingRequest current;

    ResponseHandler(ConnectionPool pool) {
        this.pool = pool;
    }

    /** Attaches the request about to be written on this connection. */
    void attach(PendingRequest request, String method) {
        current = request;
        parser.expect("HEAD".equals(method));
    }

    /** Detaches the current request (it timed out and the connection is being closed). */
    void detach() {
        current = null;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            if (current == null || !parser.expecting()) {
                // Bytes nobody asked for (e.g. a late response): this connection's state is unknown now.
                ctx.close();
                return;
            }
            parser.feed(in);
        } finally {
            in.release();
        }
    }

    @Override
    public void onHeaders(int status, HttpProtocol protocol) {
        current.status = status;
        current.protocol = protocol;
        current.headersNanos = System.nanoTime();
    }

    @Override
    public void onLocation(String location) {
        current.location = location;
    }

    @Override
    public void onBody(int bytes) {
        current.bodyBytes += bytes;
    }

    @Override
    public void onComplete(boolean keepAlive) {
        PendingRequest request = current;
        current = null;
        pool.complete(request, channel, keepAlive);
    }

    @Override
    public void onError(String reason) {
        PendingRequest request = current;
        current = null;
        if (request != null) {
            pool.fail(request, Outcome.OTHER_ERROR);
        }
        channel.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        PendingRequest request = current;
        current = null;
        if (request != null) {
            pool.fail(request, OutcomeClassifier.forFailure(cause));
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (current != null) {
            parser.closed(); // may complete a response whose body ran until the close
        }
        PendingRequest request = current;
        current = null;
        if (request != null) {
            // Closed by the peer before the response was complete.
            pool.fail(request, Outcome.OTHER_ERROR);
        }
        super.channelInactive(ctx);
    }
}
