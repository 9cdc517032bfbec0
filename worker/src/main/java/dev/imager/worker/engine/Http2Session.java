package dev.imager.worker.engine;

import dev.imager.protocol.message.HttpProtocol;
import dev.imager.protocol.message.Outcome;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http2.AbstractHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2EventAdapter;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * One HTTP/2 connection of an {@link Http2ConnectionPool}: many requests at once, one stream each. Event-loop
 * confined.
 *
 * <p>Requests handed over before the server's first SETTINGS wait (bounded by the pool); once they arrive, the
 * session's capacity is the smaller of our stream cap and the server's SETTINGS_MAX_CONCURRENT_STREAMS, the
 * waiting requests are sent up to it, and any beyond it are dropped (never sent late). A stream the server resets,
 * one a GOAWAY leaves unprocessed, and one still open when the connection closes end as {@code otherError}; after a
 * GOAWAY the session takes no new stream and closes when its last one ends. A timed-out request's stream is reset
 * (CANCEL) and the connection kept.
 */
final class Http2Session extends Http2ConnectionHandler {

    /** Each stream's receive window: large enough that a response of a few hundred KiB never waits on us. */
    static final int STREAM_WINDOW = 1 << 20;

    /** The connection's receive window, raised from the protocol's 64 KiB once the session starts. */
    static final int CONNECTION_WINDOW = 16 << 20;

    private final Http2ConnectionPool pool;
    private final LoopContext context;
    private final int maxStreams;
    private final Http2Connection.PropertyKey requestKey;
    private final ArrayDeque<PendingRequest> waiting = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private int capacity;
    private boolean ready;
    private boolean goingAway;
    private boolean closed;

    private Http2Session(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings,
            Http2ConnectionPool pool, LoopContext context, int maxStreams) {
        super(decoder, encoder, settings);
        this.pool = pool;
        this.context = context;
        this.maxStreams = maxStreams;
        this.capacity = maxStreams;
        this.requestKey = connection().newKey();
        connection().addListener(new Http2EventAdapter() {
            @Override
            public void onStreamClosed(Http2Stream stream) {
                PendingRequest request = stream.removeProperty(requestKey);
                if (request != null) {
                    // Reset, refused by GOAWAY, or cut off with the connection: it was sent and got no whole answer.
                    context.finish(request, Outcome.OTHER_ERROR);
                }
                if (goingAway) {
                    ctx.executor().execute(Http2Session.this::closeIfDrained);
                }
            }
        });
    }

    /** A client session for {@code pool}, not yet in a pipeline. */
    static Http2Session create(Http2ConnectionPool pool, LoopContext context, int maxStreams) {
        return new Builder(pool, context, maxStreams).build();
    }

    /**
     * True when a request handed over now would be sent at once, or, before the server's SETTINGS, may wait for
     * them (up to our stream cap: the server's own limit is not known yet).
     */
    boolean canTake() {
        if (closed || goingAway) {
            return false;
        }
        if (!ready) {
            return waiting.size() < maxStreams;
        }
        return connection().local().numActiveStreams() < capacity;
    }

    /** True once the server's SETTINGS arrived (the session has sent or can send requests). */
    boolean ready() {
        return ready;
    }

    /** Sends {@code request} on a new stream, or keeps it until the server's SETTINGS arrive. */
    void submit(PendingRequest request) {
        if (!ready) {
            waiting.add(request);
        } else {
            send(request);
            flush(ctx); // the handler's flush: it also writes the flow-controlled frames it holds
        }
    }

    /** Requests waiting for this session to start, taken away (the connection settled on HTTP/1.1 or failed). */
    ArrayDeque<PendingRequest> takeWaiting() {
        ArrayDeque<PendingRequest> taken = new ArrayDeque<>(waiting);
        waiting.clear();
        return taken;
    }

    /** Closes the connection (engine shutdown). */
    void shutdown() {
        if (ctx != null) {
            ctx.close();
        }
    }

    /** Streams open now. */
    int activeStreams() {
        return connection().local().numActiveStreams();
    }

    /** Resets the stream of a request that timed out; the connection goes on. */
    void cancel(PendingRequest request) {
        Http2Stream stream = connection().stream(request.streamId);
        if (stream != null && stream.removeProperty(requestKey) != null) {
            resetStream(ctx, request.streamId, Http2Error.CANCEL.code(), ctx.newPromise());
            flush(ctx);
        }
    }

    private void send(PendingRequest request) {
        int id = connection().local().incrementAndGetNextStreamId();
        if (id < 0) {
            // Stream ids are spent (2^30 streams): this connection takes no more.
            goingAway = true;
            context.finish(request, Outcome.OTHER_ERROR);
            return;
        }
        byte[] body = request.spec.body().isEmpty() ? null : request.spec.body().getBytes(StandardCharsets.UTF_8);
        Http2Headers headers = Http2RequestHeaders.of(request.spec, request.target, pool.authority(),
                context.userAgent(), body == null ? 0 : body.length);
        request.channel = ctx.channel();
        request.streamId = id;
        encoder().writeHeaders(ctx, id, headers, 0, body == null, ctx.newPromise());
        Http2Stream stream = connection().stream(id);
        if (stream == null) {
            // The encoder refused the stream (the connection is closing): it never left.
            context.finish(request, Outcome.OTHER_ERROR);
            return;
        }
        stream.setProperty(requestKey, request);
        if (body != null) {
            encoder().writeData(ctx, id, Unpooled.wrappedBuffer(body), 0, true, ctx.newPromise());
        }
        if (request.sentNanos == 0) {
            // A redirect's next request keeps the first write: service time runs from there.
            request.sentNanos = System.nanoTime();
            request.lane.sent(request);
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        super.handlerAdded(ctx);
    }

    /**
     * The connection closed, whatever closed it. Waiting requests never left: a session that never started could
     * not be opened (a connect error: refused, TLS, ALPN without h2, a proxy that would not tunnel).
     */
    void closed() {
        if (closed) {
            return;
        }
        closed = true;
        Outcome outcome = ready ? Outcome.OTHER_ERROR : Outcome.CONNECT_ERROR;
        PendingRequest request;
        while ((request = waiting.poll()) != null) {
            context.finish(request, outcome);
        }
    }

    private void onSettings() {
        capacity = Math.max(0, Math.min(maxStreams, connection().local().maxActiveStreams()));
        if (ready) {
            return;
        }
        ready = true;
        try {
            // After the preface (a WINDOW_UPDATE before it would break the connection).
            connection().local().flowController().incrementWindowSize(connection().connectionStream(),
                    CONNECTION_WINDOW - Http2CodecUtil.DEFAULT_WINDOW_SIZE);
        } catch (Http2Exception e) {
            ctx.close();
            return;
        }
        PendingRequest request;
        while ((request = waiting.poll()) != null) {
            if (request.finished) {
                continue; // timed out while the connection started
            }
            if (connection().local().numActiveStreams() < capacity) {
                send(request);
            } else {
                context.noConnection(request); // the server allows fewer streams than were waiting
            }
        }
        flush(ctx);
    }

    private void closeIfDrained() {
        if (!closed && connection().local().numActiveStreams() == 0) {
            ctx.close();
        }
    }

    private PendingRequest request(int streamId) {
        Http2Stream stream = connection().stream(streamId);
        return stream == null ? null : stream.getProperty(requestKey);
    }

    private void completed(int streamId, PendingRequest request) {
        Http2Stream stream = connection().stream(streamId);
        if (stream != null) {
            stream.removeProperty(requestKey);
        }
        context.responded(request);
    }

    /** The server's frames, as they arrive. */
    private final class Frames extends Http2EventAdapter {

        @Override
        public void onSettingsRead(ChannelHandlerContext ctx, Http2Settings settings) {
            onSettings();
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int streamDependency,
                short weight, boolean exclusive, int padding, boolean endOfStream) {
            onHeadersRead(ctx, streamId, headers, padding, endOfStream);
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding,
                boolean endOfStream) {
            PendingRequest request = request(streamId);
            if (request == null) {
                return;
            }
            CharSequence status = headers.status();
            if (status != null) {
                int code = parseStatus(status);
                if (code >= 100 && code < 200 && !endOfStream) {
                    return; // interim response: the real one follows
                }
                request.status = code;
                request.protocol = HttpProtocol.HTTP_2;
                request.headersNanos = System.nanoTime();
                if (code >= 300 && code < 400) {
                    CharSequence location = headers.get(HttpHeaderNames.LOCATION);
                    request.location = location == null ? null : location.toString();
                }
            }
            if (endOfStream) {
                completed(streamId, request);
            }
        }

        @Override
        public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream) {
            int bytes = data.readableBytes();
            PendingRequest request = request(streamId);
            if (request != null) {
                request.bodyBytes += bytes;
                if (endOfStream) {
                    completed(streamId, request);
                }
            }
            return bytes + padding; // consumed at once: the engine counts bodies, it does not keep them
        }

        @Override
        public void onGoAwayRead(ChannelHandlerContext ctx, int lastStreamId, long errorCode, ByteBuf debugData) {
            // Streams above lastStreamId are closed by the codec right after this: onStreamClosed fails them.
            goingAway = true;
            pool.sessionGoingAway(Http2Session.this);
            ctx.executor().execute(Http2Session.this::closeIfDrained);
        }
    }

    // ":status" is three digits; anything else is not a status (0, which fails the request as malformed).
    private static int parseStatus(CharSequence s) {
        if (s.length() != 3) {
            return 0;
        }
        int code = 0;
        for (int i = 0; i < 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            code = code * 10 + (c - '0');
        }
        return code;
    }

    private static final class Builder extends AbstractHttp2ConnectionHandlerBuilder<Http2Session, Builder> {

        private final Http2ConnectionPool pool;
        private final LoopContext context;
        private final int maxStreams;

        Builder(Http2ConnectionPool pool, LoopContext context, int maxStreams) {
            this.pool = pool;
            this.context = context;
            this.maxStreams = maxStreams;
            server(false);
            initialSettings(Http2Settings.defaultSettings().pushEnabled(false).initialWindowSize(STREAM_WINDOW));
        }

        @Override
        protected Http2Session build() {
            return super.build();
        }

        @Override
        protected Http2Session build(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder,
                Http2Settings settings) {
            Http2Session session = new Http2Session(decoder, encoder, settings, pool, context, maxStreams);
            frameListener(session.new Frames());
            return session;
        }
    }
}
