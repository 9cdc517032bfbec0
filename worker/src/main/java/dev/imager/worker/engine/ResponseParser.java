package dev.imager.worker.engine;

import dev.imager.protocol.message.HttpProtocol;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * A lean HTTP/1.1 response parser for one connection. It keeps only what the engine measures (status,
 * body size, whether the connection stays open) and reads everything in place, allocating nothing per
 * response: a general-purpose decoder built header maps and strings for every response, which at tens of
 * thousands of responses a second was most of the engine's garbage, and collection pauses are send lag.
 *
 * <p>Handles fixed-length, chunked (with trailers) and close-delimited bodies, interim 1xx responses,
 * bodiless responses (1xx, 204, 304, answers to HEAD), HTTP/1.0 and {@code Connection} tokens. Lines are
 * limited to {@value #MAX_LINE} bytes. A redirect's {@code Location} is the one value it copies out (redirects
 * are rare). Not thread-safe: one per connection, on its event loop.
 */
final class ResponseParser {

    /** Receives what the parser finds. */
    interface Listener {
        /** The status line and headers of the final response arrived, over HTTP/1.0 or HTTP/1.1. */
        void onHeaders(int status, HttpProtocol protocol);

        /** The {@code Location} header of a 3xx response (the only header value kept, and only then). */
        void onLocation(String location);

        /** Body bytes arrived (possibly several times per response). */
        void onBody(int bytes);

        /** The response is complete; {@code keepAlive} says whether the connection can carry another. */
        void onComplete(boolean keepAlive);

        /** The bytes are not a valid HTTP/1.x response; the connection must be closed. */
        void onError(String reason);
    }

    /** Longest status or header line accepted. */
    static final int MAX_LINE = 16 * 1024;

    private enum State { STATUS, HEADERS, FIXED, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE, IDLE, FAILED }

    private final Listener listener;
    // Grows on demand up to MAX_LINE: most responses' lines are short, and there is one parser per connection.
    private byte[] line = new byte[256];
    private int lineLength;
    private State state = State.IDLE;
    private boolean headRequest;
    private int status;
    private boolean http10;
    private boolean connectionClose;
    private boolean connectionKeepAlive;
    private boolean chunked;
    private long contentLength;
    private long remaining;

    ResponseParser(Listener listener) {
        this.listener = listener;
    }

    /** Expects the response to a new request; {@code head} when it was a HEAD request (no body follows). */
    void expect(boolean head) {
        headRequest = head;
        state = State.STATUS;
        lineLength = 0;
    }

    /** True while a response is being read (bytes at other times are unexpected). */
    boolean expecting() {
        return state != State.IDLE && state != State.FAILED;
    }

    /** Feeds bytes read from the connection; does not release {@code in}. */
    void feed(ByteBuf in) {
        while (in.isReadable() && state != State.IDLE && state != State.FAILED) {
            switch (state) {
                case STATUS, HEADERS, CHUNK_SIZE, CHUNK_END, TRAILERS -> {
                    if (readLine(in)) {
                        onLine();
                    }
                }
                case FIXED, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, in.readableBytes());
                    in.skipBytes(n);
                    remaining -= n;
                    listener.onBody(n);
                    if (remaining == 0) {
                        if (state == State.FIXED) {
                            complete();
                        } else {
                            state = State.CHUNK_END;
                        }
                    }
                }
                case UNTIL_CLOSE -> {
                    int n = in.readableBytes();
                    in.skipBytes(n);
                    listener.onBody(n);
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        if (in.isReadable() && state == State.IDLE) {
            fail("bytes after the end of the response");
        }
    }

    /** The peer closed the connection: that ends a close-delimited body; anything else was cut short. */
    void closed() {
        if (state == State.UNTIL_CLOSE) {
            state = State.IDLE;
            listener.onComplete(false);
        }
    }

    // Appends to the line buffer up to and including LF; true when a whole line (without CRLF) is there.
    private boolean readLine(ByteBuf in) {
        int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        int end = lf < 0 ? in.writerIndex() : lf;
        int n = end - in.readerIndex();
        if (lineLength + n > MAX_LINE) {
            fail("a status or header line longer than " + MAX_LINE + " bytes");
            return false;
        }
        if (lineLength + n > line.length) {
            line = java.util.Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(line.length * 2, lineLength + n)));
        }
        in.readBytes(line, lineLength, n);
        lineLength += n;
        if (lf < 0) {
            return false;
        }
        in.skipBytes(1);
        if (lineLength > 0 && line[lineLength - 1] == '\r') {
            lineLength--;
        }
        return true;
    }

    private void onLine() {
        int length = lineLength;
        lineLength = 0;
        switch (state) {
            case STATUS -> statusLine(length);
            case HEADERS -> {
                if (length == 0) {
                    headersDone();
                } else {
                    header(length);
                }
            }
            case CHUNK_SIZE -> chunkSize(length);
            case CHUNK_END -> {
                if (length != 0) {
                    fail("no CRLF after a chunk");
                } else {
                    state = State.CHUNK_SIZE;
                }
            }
            case TRAILERS -> {
                if (length == 0) {
                    complete();
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void statusLine(int length) {
        // "HTTP/1.1 200 OK": version, space, three digits.
        if (length < 12 || line[0] != 'H' || line[1] != 'T' || line[2] != 'T' || line[3] != 'P' || line[4] != '/'
                || line[5] != '1' || line[6] != '.' || line[8] != ' ' || !digit(line[9]) || !digit(line[10])
                || !digit(line[11]) || (length > 12 && line[12] != ' ')) {
            fail("not an HTTP/1.x status line");
            return;
        }
        http10 = line[7] == '0';
        status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        connectionClose = false;
        connectionKeepAlive = false;
        chunked = false;
        contentLength = -1;
        state = State.HEADERS;
    }

    private void header(int length) {
        int colon = 0;
        while (colon < length && line[colon] != ':') {
            colon++;
        }
        if (colon == length || colon == 0) {
            fail("a header line without a name");
            return;
        }
        int v = colon + 1;
        while (v < length && (line[v] == ' ' || line[v] == '\t')) {
            v++;
        }
        int end = length;
        while (end > v && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
            end--;
        }
        if (nameIs(colon, "content-length")) {
            long n = 0;
            if (v == end) {
                fail("an empty Content-Length");
                return;
            }
            for (int i = v; i < end; i++) {
                if (!digit(line[i]) || n > Long.MAX_VALUE / 10 - 10) {
                    fail("an invalid Content-Length");
                    return;
                }
                n = n * 10 + (line[i] - '0');
            }
            if (contentLength >= 0 && contentLength != n) {
                fail("conflicting Content-Length headers");
                return;
            }
            contentLength = n;
        } else if (nameIs(colon, "transfer-encoding")) {
            chunked = containsToken(v, end, "chunked");
        } else if (nameIs(colon, "connection")) {
            connectionClose |= containsToken(v, end, "close");
            connectionKeepAlive |= containsToken(v, end, "keep-alive");
        } else if (status >= 300 && status < 400 && nameIs(colon, "location")) {
            listener.onLocation(new String(line, v, end - v, StandardCharsets.ISO_8859_1));
        }
    }

    private void headersDone() {
        if (status >= 100 && status < 200 && status != 101) {
            state = State.STATUS; // interim response: the real one follows
            return;
        }
        listener.onHeaders(status, http10 ? HttpProtocol.HTTP_1_0 : HttpProtocol.HTTP_1_1);
        if (status == 101) {
            connectionClose = true;
            complete();
        } else if (headRequest || status == 204 || status == 304) {
            complete();
        } else if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (contentLength >= 0) {
            remaining = contentLength;
            if (remaining == 0) {
                complete();
            } else {
                state = State.FIXED;
            }
        } else {
            connectionClose = true;
            state = State.UNTIL_CLOSE;
        }
    }

    private void chunkSize(int length) {
        long size = 0;
        int i = 0;
        for (; i < length && line[i] != ';' && line[i] != ' ' && line[i] != '\t'; i++) {
            int d = Character.digit(line[i], 16);
            if (d < 0 || size > (Long.MAX_VALUE >> 4)) {
                fail("an invalid chunk size");
                return;
            }
            size = size * 16 + d;
        }
        if (i == 0) {
            fail("an empty chunk size");
            return;
        }
        if (size == 0) {
            state = State.TRAILERS;
        } else {
            remaining = size;
            state = State.CHUNK_DATA;
        }
    }

    private void complete() {
        boolean keepAlive = http10 ? connectionKeepAlive && !connectionClose : !connectionClose;
        state = State.IDLE;
        listener.onComplete(keepAlive);
    }

    private void fail(String reason) {
        state = State.FAILED;
        listener.onError(reason);
    }

    private boolean nameIs(int length, String lowerCase) {
        if (length != lowerCase.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (Character.toLowerCase(line[i]) != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    // A comma-separated token list contains {@code token} (case-insensitive).
    private boolean containsToken(int from, int to, String token) {
        int i = from;
        while (i < to) {
            while (i < to && (line[i] == ' ' || line[i] == '\t' || line[i] == ',')) {
                i++;
            }
            int start = i;
            while (i < to && line[i] != ',') {
                i++;
            }
            int end = i;
            while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
                end--;
            }
            if (end - start == token.length()) {
                boolean match = true;
                for (int k = 0; k < token.length() && match; k++) {
                    match = Character.toLowerCase(line[start + k]) == token.charAt(k);
                }
                if (match) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }
}
