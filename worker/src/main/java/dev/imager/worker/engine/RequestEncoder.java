package dev.imager.worker.engine;

import dev.imager.protocol.message.RequestSpec;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link RequestSpec} into an HTTP/1.1 request for one target.
 *
 * <p>Headers are copied verbatim, except {@code Content-Length} and {@code Transfer-Encoding}, which the
 * engine computes from the body. A {@code Host} header in the spec overrides the target's (so a request
 * can address a virtual host); {@code User-Agent} defaults to the engine's.
 */
final class RequestEncoder {

    private RequestEncoder() {
    }

    /**
     * @throws IllegalArgumentException when the method or a header is not valid HTTP
     */
    static FullHttpRequest encode(RequestSpec spec, TargetAddress target, String userAgent) {
        byte[] body = spec.body().isEmpty() ? null : spec.body().getBytes(StandardCharsets.UTF_8);
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1,
                HttpMethod.valueOf(spec.method()), target.requestUri(spec.path(), spec.queryString()),
                body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        HttpHeaders headers = request.headers();
        headers.set(HttpHeaderNames.HOST, target.hostHeader());
        for (Map.Entry<String, List<String>> header : spec.headers().entrySet()) {
            String name = header.getKey();
            if (name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("transfer-encoding")) {
                continue;
            }
            if (name.equalsIgnoreCase("host")) {
                headers.remove(HttpHeaderNames.HOST);
            }
            headers.add(name, header.getValue());
        }
        if (!headers.contains(HttpHeaderNames.USER_AGENT)) {
            headers.set(HttpHeaderNames.USER_AGENT, userAgent);
        }
        if (body != null) {
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        } else if (permitsBody(request.method())) {
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        }
        return request;
    }

    /** Methods whose requests carry a body by convention: say so explicitly even when it is empty. */
    private static boolean permitsBody(HttpMethod method) {
        return method.equals(HttpMethod.POST) || method.equals(HttpMethod.PUT) || method.equals(HttpMethod.PATCH);
    }
}
