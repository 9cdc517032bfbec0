package dev.imager.protocol.process;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The request line of an HTTP/1.x request, once its head (request line and headers) has arrived whole. Nothing
 * else of the request matters to the endpoints: headers are skipped and a body is never read.
 *
 * @param method the method, e.g. GET
 * @param path the request target without its query
 * @param query the raw query string after {@code ?} ({@code ""} when there is none); from the client: hostile
 * @param malformed true when the request line is not {@code METHOD SP TARGET SP HTTP/x}
 */
record RequestHead(String method, String path, String query, boolean malformed) {

    private static final RequestHead MALFORMED = new RequestHead("", "", "", true);

    /** HEAD requests get the headers of the GET response without its body. */
    boolean isHead() {
        return method.equals("HEAD");
    }

    /**
     * Parses what {@code in} holds so far (from 0 to its position).
     *
     * @return the head, or null while its end (an empty line) has not arrived
     */
    static RequestHead parse(ByteBuffer in) {
        byte[] bytes = in.array();
        int length = in.position();
        int end = -1;
        // The head ends with an empty line: "\n\n" or "\n\r\n".
        for (int i = 1; i < length; i++) {
            boolean emptyLine = bytes[i - 1] == '\n' || i >= 2 && bytes[i - 1] == '\r' && bytes[i - 2] == '\n';
            if (bytes[i] == '\n' && emptyLine) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            return null;
        }
        int lineEnd = 0;
        while (lineEnd < end && bytes[lineEnd] != '\r' && bytes[lineEnd] != '\n') {
            lineEnd++;
        }
        String[] parts = new String(bytes, 0, lineEnd, StandardCharsets.US_ASCII).split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || !parts[2].startsWith("HTTP/") || !parts[1].startsWith("/")) {
            return MALFORMED;
        }
        int query = parts[1].indexOf('?');
        return query < 0 ? new RequestHead(parts[0], parts[1], "", false)
                : new RequestHead(parts[0], parts[1].substring(0, query), parts[1].substring(query + 1), false);
    }
}
