package dev.imager.sumservice;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.TooLongHttpContentException;

/**
 * Aggregates each request into one {@link FullHttpRequest}, refusing bodies over a limit.
 *
 * <p>Netty's aggregator answers an oversized request with its own 413, written straight to the channel.
 * That would bypass the response ordering of {@link InOrderResponder} and the request metrics, so instead
 * the oversized request is passed on as a failed decode (carrying a {@link TooLongHttpContentException}),
 * and {@link SumHttpHandler} answers 413 like any other undecodable request and closes the connection;
 * the aggregator discards the rest of the body meanwhile.
 */
final class BoundedRequestAggregator extends HttpObjectAggregator {

    /** Largest request body accepted; the service reads none, so anything big is a mistake or an attack. */
    static final int MAX_CONTENT_BYTES = 64 * 1024;

    BoundedRequestAggregator() {
        super(MAX_CONTENT_BYTES);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        if (!(oversized instanceof HttpRequest request)) {
            ctx.close(); // A server never receives responses; nothing sensible to answer.
            return;
        }
        FullHttpRequest refused = new DefaultFullHttpRequest(request.protocolVersion(), request.method(),
                request.uri(), Unpooled.EMPTY_BUFFER, request.headers().copy(),
                EmptyHttpHeaders.INSTANCE);
        refused.setDecoderResult(DecoderResult.failure(new TooLongHttpContentException(
                "request body larger than " + MAX_CONTENT_BYTES + " bytes")));
        ctx.fireChannelRead(refused);
    }
}
