package dev.imager.worker.engine;

import dev.imager.protocol.message.RequestSpec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link RequestSpec} as HTTP/1.1 bytes for one target, straight into a pooled buffer: at tens of
 * thousands of requests a second per core, building header objects for an encoder to take apart again
 * made much of the engine's garbage, and garbage collection pauses are send lag.
 *
 * <p>Headers are copied verbatim, except {@code Content-Length} and {@code Transfer-Encoding}, which follow
 * from the body. A {@code Host} header in the spec overrides the target's (so a request can address a virtual
 * host); {@code User-Agent} defaults to the engine's. Methods and header names and values were checked when
 * the job was accepted ({@code JobValidator}); the request target is made safe by {@link TargetAddress}.
 *
 * <p>To a forward proxy the request target is in absolute form ({@code GET http://host:port/path HTTP/1.1}) and
 * the proxy's credentials, if any, go in {@code Proxy-Authorization}.
 */
final class RequestWriter {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] VERSION = " HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);

    private RequestWriter() {
    }

    /**
     * @param forwardProxy the proxy the request is written to in absolute form, or null when it goes to the target
     *     (directly or through a tunnel)
     */
    static ByteBuf write(ByteBufAllocator alloc, RequestSpec spec, TargetAddress target, String userAgent,
            ProxyAddress forwardProxy) {
        byte[] body = spec.body().isEmpty() ? null : spec.body().getBytes(StandardCharsets.UTF_8);
        String uri = target.requestUri(spec.path(), spec.queryString());
        ByteBuf out = alloc.buffer(160 + uri.length() + (body == null ? 0 : body.length));
        out.writeCharSequence(spec.method(), StandardCharsets.US_ASCII);
        out.writeByte(' ');
        if (forwardProxy != null) {
            out.writeCharSequence(target.authority(), StandardCharsets.US_ASCII);
        }
        out.writeCharSequence(uri, StandardCharsets.US_ASCII);
        out.writeBytes(VERSION);
        boolean host = false;
        boolean agent = false;
        for (Map.Entry<String, List<String>> header : spec.headers().entrySet()) {
            String name = header.getKey();
            if (name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("transfer-encoding")) {
                continue;
            }
            host |= name.equalsIgnoreCase("host");
            agent |= name.equalsIgnoreCase("user-agent");
            for (String value : header.getValue()) {
                header(out, name, value);
            }
        }
        if (!host) {
            header(out, "Host", target.hostHeader());
        }
        if (!agent) {
            header(out, "User-Agent", userAgent);
        }
        if (forwardProxy != null && forwardProxy.authorization() != null) {
            header(out, "Proxy-Authorization", forwardProxy.authorization());
        }
        if (body != null) {
            header(out, "Content-Length", Integer.toString(body.length));
        } else if (permitsBody(spec.method())) {
            header(out, "Content-Length", "0");
        }
        out.writeBytes(CRLF);
        if (body != null) {
            out.writeBytes(body);
        }
        return out;
    }

    private static void header(ByteBuf out, String name, String value) {
        out.writeCharSequence(name, StandardCharsets.US_ASCII);
        out.writeByte(':');
        out.writeByte(' ');
        out.writeCharSequence(value, StandardCharsets.UTF_8);
        out.writeBytes(CRLF);
    }

    /** Methods whose requests carry a body by convention: say so explicitly even when it is empty. */
    static boolean permitsBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }
}
