package dev.imager.protocol.process;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A complete HTTP response of the endpoints: status, content type and body; the connection closes after it.
 *
 * @param status HTTP status code
 * @param contentType value of the Content-Type header
 * @param body the body, UTF-8
 */
record Response(int status, String contentType, String body) {

    static Response text(int status, String body) {
        return new Response(status, "text/plain; charset=utf-8", body);
    }

    /** The bytes on the wire; without the body for a HEAD request (its Content-Length still the body's). */
    ByteBuffer bytes(boolean head) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String headers = "HTTP/1.1 " + status + " " + reason(status) + "\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + content.length + "\r\nConnection: close\r\n\r\n";
        byte[] top = headers.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buffer = ByteBuffer.allocate(top.length + (head ? 0 : content.length));
        buffer.put(top);
        if (!head) {
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
