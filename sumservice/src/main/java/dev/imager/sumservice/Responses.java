package dev.imager.sumservice;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * The shapes of response this service sends, following the conventions of Go's {@code net/http} that the
 * original used: errors are {@code text/plain; charset=utf-8} with {@code X-Content-Type-Options: nosniff}
 * and a trailing newline ({@code http.Error}), and every response carries its {@code Content-Length}.
 *
 * <p>Responses are built as HTTP/1.1; the connection layer ({@link InOrderResponder}) sets the version and
 * the {@code Connection} header to match each request.
 */
final class Responses {

    /** The {@code Allow} header of a 405: the only methods the known paths answer. */
    static final String ALLOWED_METHODS = "GET, HEAD";

    /** Netty has no constant for it; browsers must not guess another type from an error body. */
    private static final String X_CONTENT_TYPE_OPTIONS = "x-content-type-options";

    private static final String TEXT_PLAIN = "text/plain; charset=utf-8";

    private Responses() {
    }

    /** {@code 200 application/json} with the sum. */
    static FullHttpResponse sum(SumEndpoint.Sum sum) {
        return body(HttpResponseStatus.OK, "application/json", sum.json());
    }

    /** {@code 200 ok} without a newline, exactly as the original. */
    static FullHttpResponse healthy() {
        return body(HttpResponseStatus.OK, TEXT_PLAIN, "ok");
    }

    /** {@code 200} with a Prometheus exposition. */
    static FullHttpResponse metrics(String exposition) {
        return body(HttpResponseStatus.OK, ServiceMetrics.CONTENT_TYPE, exposition);
    }

    /** An error in the style of Go's {@code http.Error}: text, nosniff, message plus newline. */
    static FullHttpResponse error(HttpResponseStatus status, String message) {
        FullHttpResponse response = body(status, TEXT_PLAIN, message + "\n");
        response.headers().set(X_CONTENT_TYPE_OPTIONS, "nosniff");
        return response;
    }

    /** The original's answer to an unknown path. */
    static FullHttpResponse notFound() {
        return error(HttpResponseStatus.NOT_FOUND, "404 page not found");
    }

    /** A known path with a method other than GET or HEAD. */
    static FullHttpResponse methodNotAllowed() {
        FullHttpResponse response = error(HttpResponseStatus.METHOD_NOT_ALLOWED, "405 method not allowed");
        response.headers().set(HttpHeaderNames.ALLOW, ALLOWED_METHODS);
        return response;
    }

    private static FullHttpResponse body(HttpResponseStatus status, String contentType, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return response;
    }
}
