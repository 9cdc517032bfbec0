package dev.imager.protocol.process;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A complete HTTP response of the endpoints: status, content type, extra headers and body; the connection closes
 * after it.
 *
 * @param status HTTP status code
 * @param contentType value of the Content-Type header
 * @param headers further response headers (names and values written as given: the server's own, never a client's)
 * @param body the body, UTF-8
 */
record Response(int status, String contentType, Map<String, String> headers, String body) {

    Response(int status, String contentType, String body) {
        this(status, contentType, Map.of(), body);
    }

    static Response text(int status, String body) {
        return new Response(status, "text/plain; charset=utf-8", body);
    }

    /** The bytes on the wire; without the body for a HEAD request (its Content-Length still the body's). */
    ByteBuffer bytes(boolean headOnly) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder top = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                .append("\r\nContent-Type: ").append(contentType);
        headers.forEach((name, value) -> top.append("\r\n").append(name).append(": ").append(value));
        top.append("\r\nContent-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
        byte[] head = top.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(head.length + (headOnly ? 0 : content.length));
        buffer.put(head);
        if (!headOnly) {
            buffer.put(content);
        }
        return buffer.flip();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }
}
