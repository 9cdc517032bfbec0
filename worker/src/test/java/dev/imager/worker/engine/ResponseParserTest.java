package dev.imager.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseParserTest {

    /** What the parser reported, as one line per event. */
    private static final class Events implements ResponseParser.Listener {
        final List<String> log = new ArrayList<>();
        long body;

        @Override
        public void onHeaders(int status, dev.imager.protocol.message.HttpProtocol protocol) {
            log.add("status " + status + (protocol == dev.imager.protocol.message.HttpProtocol.HTTP_1_0 ? " (1.0)" : ""));
        }

        @Override
        public void onLocation(String location) {
            log.add("location " + location);
        }

        @Override
        public void onBody(int bytes) {
            body += bytes;
        }

        @Override
        public void onComplete(boolean keepAlive) {
            log.add("body " + body);
            log.add(keepAlive ? "complete keep-alive" : "complete close");
            body = 0;
        }

        @Override
        public void onError(String reason) {
            log.add("error " + reason);
        }
    }

    /** Parses {@code response} fed in pieces of {@code split} bytes (0: all at once). */
    private static List<String> parse(String response, boolean head, int split) {
        Events events = new Events();
        ResponseParser parser = new ResponseParser(events);
        parser.expect(head);
        byte[] bytes = response.getBytes(StandardCharsets.ISO_8859_1);
        int step = split <= 0 ? bytes.length : split;
        for (int i = 0; i < bytes.length; i += step) {
            ByteBuf in = Unpooled.wrappedBuffer(bytes, i, Math.min(step, bytes.length - i));
            parser.feed(in);
            in.release();
        }
        return events.log;
    }

    /** The same events whichever way the bytes are split across reads. */
    private static List<String> parseAnySplit(String response, boolean head) {
        List<String> whole = parse(response, head, 0);
        for (int split = 1; split < 20; split++) {
            assertThat(parse(response, head, split)).as("split every %d bytes", split).isEqualTo(whole);
        }
        return whole;
    }

    @Test
    void readsAFixedLengthBody() {
        assertThat(parseAnySplit("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nServer: x\r\n\r\nhello", false))
                .containsExactly("status 200", "body 5", "complete keep-alive");
    }

    @Test
    void readsChunkedBodiesWithExtensionsAndTrailers() {
        String r = "HTTP/1.1 201 Created\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n";
        assertThat(parseAnySplit(r, false)).containsExactly("status 201", "body 15", "complete keep-alive");
    }

    @Test
    void honoursConnectionTokensAndHttp10() {
        // response -> keep-alive?
        assertThat(parse("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", false, 0))
                .contains("complete close");
        assertThat(parse("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", false, 0)).contains("complete close");
        assertThat(parse("HTTP/1.0 200 OK\r\nContent-Length: 0\r\nConnection: Keep-Alive\r\n\r\n", false, 0))
                .contains("complete keep-alive");
        assertThat(parse("HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: upgrade, close\r\n\r\n", false, 0))
                .contains("complete close");
    }

    @Test
    void tellsTheVersionAndKeepsTheLocationOfRedirectsOnly() {
        assertThat(parseAnySplit("HTTP/1.1 302 Found\r\nLocation:  /next?a=1 \r\nContent-Length: 0\r\n\r\n", false))
                .containsExactly("location /next?a=1", "status 302", "body 0", "complete keep-alive");
        assertThat(parse("HTTP/1.0 200 OK\r\nLocation: /ignored\r\nContent-Length: 0\r\n\r\n", false, 0))
                .containsExactly("status 200 (1.0)", "body 0", "complete close");
    }

    @Test
    void knowsWhichResponsesHaveNoBody() {
        assertThat(parse("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n", true, 0))
                .containsExactly("status 200", "body 0", "complete keep-alive");               // answer to HEAD
        assertThat(parse("HTTP/1.1 204 No Content\r\n\r\n", false, 0))
                .containsExactly("status 204", "body 0", "complete keep-alive");
        assertThat(parse("HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n", false, 0))
                .containsExactly("status 304", "body 0", "complete keep-alive");
        assertThat(parseAnySplit("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", false))
                .containsExactly("status 200", "body 2", "complete keep-alive");               // interim skipped
    }

    @Test
    void aBodyWithoutLengthRunsUntilTheConnectionCloses() {
        Events events = new Events();
        ResponseParser parser = new ResponseParser(events);
        parser.expect(false);
        parser.feed(Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\n\r\nsome bytes", StandardCharsets.US_ASCII));
        assertThat(events.log).containsExactly("status 200");
        parser.closed();
        assertThat(events.log).containsExactly("status 200", "body 10", "complete close");
    }

    @Test
    void rejectsWhatIsNotHttp() {
        // garbage -> error
        assertThat(parse("SSH-2.0-OpenSSH\r\n", false, 0)).singleElement().asString().startsWith("error not an HTTP");
        assertThat(parse("HTTP/1.1 2x0 OK\r\n\r\n", false, 0)).singleElement().asString().startsWith("error");
        assertThat(parse("HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n", false, 0)).last().asString()
                .startsWith("error an invalid Content-Length");
        assertThat(parse("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", false, 0)).last()
                .asString().startsWith("error conflicting");
        assertThat(parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", false, 0)).last().asString()
                .startsWith("error an invalid chunk size");
        assertThat(parse("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nextra", false, 0)).last().asString()
                .isEqualTo("error bytes after the end of the response");
        assertThat(parse("HTTP/1.1 200 OK\r\nX: " + "y".repeat(ResponseParser.MAX_LINE) + "\r\n\r\n", false, 0))
                .last().asString().startsWith("error a status or header line longer than");
    }

    @Test
    void parsesOneResponseAfterAnotherOnAKeptAliveConnection() {
        Events events = new Events();
        ResponseParser parser = new ResponseParser(events);
        for (int i = 0; i < 3; i++) {
            parser.expect(false);
            parser.feed(Unpooled.copiedBuffer("HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\nnop", StandardCharsets.US_ASCII));
        }
        assertThat(events.log).containsExactly("status 404", "body 3", "complete keep-alive", "status 404", "body 3",
                "complete keep-alive", "status 404", "body 3", "complete keep-alive");
    }
}
