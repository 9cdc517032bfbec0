package dev.imager.sumservice;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes one connection's requests: {@code /sum}, {@code /healthz}, {@code /metrics}, 404 for anything
 * else, 405 for methods other than GET and HEAD on known paths, 400/413/414/431 for requests the codec
 * could not decode or refused as too large, and 505 for protocol versions other than HTTP/1.x (the
 * connection is closed after those).
 *
 * <p>{@code /sum} goes through the {@link CapacitySimulator} when one is configured, so its answer may come
 * later from the simulator's thread; {@code /healthz} and {@code /metrics} never do, so probes and scrapes
 * stay fast while the simulated service is overloaded.
 *
 * <p>One instance per connection, event-loop confined (the {@link InOrderResponder} it owns relies on it).
 */
final class SumHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(SumHttpHandler.class);

    private final ServiceMetrics metrics;
    private final CapacitySimulator simulator;
    private InOrderResponder responder;

    /**
     * @param metrics where every answered request is recorded
     * @param simulator the capacity simulation for {@code /sum}, or null to answer at once
     */
    SumHttpHandler(ServiceMetrics metrics, CapacitySimulator simulator) {
        this.metrics = metrics;
        this.simulator = simulator;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        responder = new InOrderResponder(ctx, metrics);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        long start = System.nanoTime();
        if (responder.closing()) {
            return; // A response that closes the connection is already on its way; nothing after it counts.
        }
        DecoderResult decoded = request.decoderResult();
        if (!decoded.isSuccess()) {
            InOrderResponder.Slot slot = responder.reserve(
                    request.protocolVersion(), false, false, routeOf(target(request.uri())), start);
            responder.complete(slot, decoderFailure(decoded.cause()));
            return;
        }

        if (request.protocolVersion().majorVersion() != 1) {
            // Only HTTP/1.x speaks this framing; "HTTP/2.0" over plain text or "HTTP/9.9" is not it.
            InOrderResponder.Slot slot = responder.reserve(HttpVersion.HTTP_1_1, false, false, Route.OTHER, start);
            responder.complete(slot, Responses.error(
                    HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, "unsupported protocol version"));
            return;
        }

        boolean head = HttpMethod.HEAD.equals(request.method());
        QueryStringDecoder target = target(request.uri());
        Route route = routeOf(target);
        InOrderResponder.Slot slot = responder.reserve(
                request.protocolVersion(), HttpUtil.isKeepAlive(request), head, route, start);
        if (target == null) {
            responder.complete(slot, Responses.error(HttpResponseStatus.BAD_REQUEST, "malformed request target"));
        } else if (route == Route.OTHER) {
            responder.complete(slot, Responses.notFound());
        } else if (!head && !HttpMethod.GET.equals(request.method())) {
            responder.complete(slot, Responses.methodNotAllowed());
        } else if (route == Route.HEALTHZ) {
            responder.complete(slot, Responses.healthy());
        } else if (route == Route.METRICS) {
            responder.complete(slot, Responses.metrics(metrics.render()));
        } else {
            serveSum(ctx, slot, SumEndpoint.evaluate(target.parameters()));
        }
    }

    /** Answers {@code /sum} now, or after the simulated service time when the simulation is on. */
    private void serveSum(ChannelHandlerContext ctx, InOrderResponder.Slot slot, SumEndpoint.Answer answer) {
        if (simulator == null) {
            responder.complete(slot, sumResponse(answer));
            return;
        }
        try {
            simulator.submit(new CapacitySimulator.Callback() {
                // Both run on the simulator's thread: hop back to this connection's event loop.
                @Override
                public void served() {
                    onEventLoop(ctx, () -> responder.complete(slot, sumResponse(answer)));
                }

                @Override
                public void rejected() {
                    onEventLoop(ctx, () -> responder.complete(slot, Responses.error(
                            HttpResponseStatus.SERVICE_UNAVAILABLE, "capacity simulation queue is full")));
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            responder.complete(slot, Responses.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "shutting down"));
        }
    }

    /** Runs {@code task} on the connection's event loop, unless the server is shutting down. */
    private static void onEventLoop(ChannelHandlerContext ctx, Runnable task) {
        try {
            ctx.executor().execute(task);
        } catch (RejectedExecutionException shuttingDown) {
            // The event loop is gone and the connection with it: nobody is waiting for this answer.
        }
    }

    private static FullHttpResponse sumResponse(SumEndpoint.Answer answer) {
        if (answer instanceof SumEndpoint.Sum sum) {
            return Responses.sum(sum);
        }
        return Responses.error(HttpResponseStatus.BAD_REQUEST, ((SumEndpoint.Invalid) answer).message());
    }

    /**
     * The decoded request target, or null when it cannot be read. Origin form ({@code /sum?a=1}) is the
     * norm; absolute form ({@code http://host/sum?a=1}, which proxies send) is reduced to its path and query.
     * Decoding is forced here so a bad percent-escape surfaces as null rather than later.
     */
    static QueryStringDecoder target(String uri) {
        String originForm = uri;
        if (!uri.startsWith("/")) {
            try {
                URI parsed = new URI(uri);
                if (!parsed.isAbsolute() || parsed.getRawPath() == null || parsed.getRawPath().isEmpty()) {
                    return null;
                }
                originForm = parsed.getRawPath() + (parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery());
            } catch (URISyntaxException e) {
                return null;
            }
        }
        try {
            QueryStringDecoder decoder = QueryStringDecoder.builder().semicolonIsNormalChar(true).build(originForm);
            decoder.path();
            decoder.parameters();
            return decoder;
        } catch (IllegalArgumentException badEscape) {
            return null;
        }
    }

    /** The route of a decoded request target (see {@link #target}); {@link Route#OTHER} when it is null. */
    private static Route routeOf(QueryStringDecoder target) {
        return target == null ? Route.OTHER : Route.of(target.path());
    }

    /** The status for a request the codec refused: too long a line, headers or body, or plain malformed. */
    private static FullHttpResponse decoderFailure(Throwable cause) {
        if (cause instanceof TooLongHttpContentException) {
            return Responses.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "request body too large");
        }
        if (cause instanceof TooLongHttpLineException) {
            return Responses.error(HttpResponseStatus.REQUEST_URI_TOO_LONG, "request line too long");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return Responses.error(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "request headers too large");
        }
        return Responses.error(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        responder.discardPending();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and broken pipes are routine under load; the connection is simply done.
        LOG.debug("closing connection {} after error", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
