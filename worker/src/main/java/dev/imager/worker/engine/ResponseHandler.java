package dev.imager.worker.engine;

import dev.imager.protocol.message.Outcome;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Completes the one request a connection carries at a time (no pipelining). Event-loop confined.
 *
 * <p>The body is counted and released as it streams in, never aggregated: the engine measures, it does
 * not keep responses.
 */
final class ResponseHandler extends SimpleChannelInboundHandler<HttpObject> {

    private final ConnectionPool pool;
    private PendingRequest current;
    private boolean keepAlive;

    ResponseHandler(ConnectionPool pool) {
        this.pool = pool;
    }

    /** Attaches the request just written on this connection. */
    void attach(PendingRequest request) {
        current = request;
        keepAlive = true;
    }

    /** Detaches the current request (it timed out): its response, if any comes, is not wanted. */
    void detach() {
        current = null;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        PendingRequest request = current;
        if (request == null) {
            // Data nobody asked for (e.g. a late response): this connection's state is unknown now.
            ctx.close();
            return;
        }
        if (msg.decoderResult().isFailure()) {
            current = null;
            pool.fail(request, Outcome.OTHER_ERROR);
            ctx.close();
            return;
        }
        if (msg instanceof HttpResponse response) {
            if (response.status().codeClass() == io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL
                    && !response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
                return; // an interim 1xx; the real response follows
            }
            request.status = response.status().code();
            request.headersNanos = System.nanoTime();
            keepAlive = HttpUtil.isKeepAlive(response);
        }
        if (msg instanceof HttpContent content) {
            request.bodyBytes += content.content().readableBytes();
        }
        if (msg instanceof LastHttpContent) {
            current = null;
            pool.complete(request, ctx.channel(), keepAlive);
        }
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
        PendingRequest request = current;
        current = null;
        if (request != null) {
            // Closed by the peer before the response was complete.
            pool.fail(request, Outcome.OTHER_ERROR);
        }
        super.channelInactive(ctx);
    }
}
