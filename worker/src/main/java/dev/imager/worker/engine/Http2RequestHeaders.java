package dev.imager.worker.engine;

import dev.imager.protocol.message.RequestSpec;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A {@link RequestSpec} as HTTP/2 request headers: the pseudo-headers from the method, the target and the joined
 * path (as {@link RequestWriter} writes the HTTP/1.1 request line), then the spec's headers with lower-case names
 * (HTTP/2 requires them), without the connection-specific ones HTTP/2 forbids. A {@code Host} header becomes
 * {@code :authority}; {@code User-Agent} defaults to the engine's; {@code content-length} follows from the body.
 */
final class Http2RequestHeaders {

    /** Headers that exist only for HTTP/1.x connections (RFC 9113 §8.2.2) or that the frames replace. */
    private static final Set<String> LEFT_OUT = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "upgrade", "host", "content-length");

    private Http2RequestHeaders() {
    }

    /**
     * @param authority {@code target}'s host header value, computed once by the connection pool (every request of a
     *     pool goes to its authority)
     */
    static Http2Headers of(RequestSpec spec, TargetAddress target, String authority, String userAgent,
            int bodyLength) {
        // Validation off: method, names and values were checked when the job was taken, names are lowered here.
        Http2Headers h = new DefaultHttp2Headers(false, 8 + spec.headers().size());
        boolean agent = false;
        for (Map.Entry<String, List<String>> header : spec.headers().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("host") && !header.getValue().isEmpty()) {
                authority = header.getValue().get(0);
            }
            if (LEFT_OUT.contains(name) || (name.equals("te") && !onlyTrailers(header.getValue()))) {
                continue;
            }
            agent |= name.equals("user-agent");
            for (String value : header.getValue()) {
                h.add(name, value);
            }
        }
        h.method(spec.method()).scheme(target.scheme()).authority(authority)
                .path(target.requestUri(spec.path(), spec.queryString()));
        if (!agent) {
            h.add("user-agent", userAgent);
        }
        if (bodyLength > 0 || RequestWriter.permitsBody(spec.method())) {
            h.addInt("content-length", bodyLength);
        }
        return h;
    }

    // HTTP/2 allows TE only as "trailers".
    private static boolean onlyTrailers(List<String> values) {
        return values.size() == 1 && values.get(0).equalsIgnoreCase("trailers");
    }
}
