package dev.imager.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.protocol.message.RequestSpec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestWriterTest {

    private static final TargetAddress TARGET = TargetAddress.parse("http://127.0.0.1:8080");
    /** Heap and direct buffers: Netty's UTF-8 writer has a path for each. */
    private static final List<ByteBufAllocator> ALLOCATORS = List.of(new UnpooledByteBufAllocator(false),
            PooledByteBufAllocator.DEFAULT);

    private static byte[] written(ByteBufAllocator alloc, RequestSpec spec) {
        return written(alloc, spec, null);
    }

    private static byte[] written(ByteBufAllocator alloc, RequestSpec spec, ProxyAddress proxy) {
        ByteBuf out = RequestWriter.write(alloc, spec, TARGET, "imager/test", proxy);
        try {
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    private static String head(byte[] request) {
        String text = new String(request, StandardCharsets.ISO_8859_1);
        return text.substring(0, text.indexOf("\r\n\r\n") + 4);
    }

    private static byte[] body(byte[] request) {
        int start = head(request).length();
        return Arrays.copyOfRange(request, start, request.length);
    }

    @Test
    void writesTheBodyAsStringGetBytesDoesWithAMatchingContentLength() {
        // well-formed non-ASCII; lone surrogates; a high surrogate before a non-ASCII char or another pair
        List<String> bodies = List.of("{\"qty\":3}", "é€😀", "a\uD800", "\uDC00x", "\uD800b", "x\uD83D",
                "\uD800é", "\uD800€", "\uD800\uD800\uDC00", "\uDC00\uD83D\uDE00");
        for (ByteBufAllocator alloc : ALLOCATORS) {
            for (String body : bodies) {
                byte[] expected = body.getBytes(StandardCharsets.UTF_8);
                byte[] request = written(alloc, new RequestSpec("POST", "/sum", "", Map.of(), body));
                assertThat(body(request)).as(body).isEqualTo(expected);
                assertThat(head(request)).as(body).contains("\r\nContent-Length: " + expected.length + "\r\n");
            }
        }
    }

    @Test
    void saysContentLengthZeroOnlyForMethodsThatCarryABody() {
        for (ByteBufAllocator alloc : ALLOCATORS) {
            assertThat(head(written(alloc, new RequestSpec("POST", "/", "", Map.of(), ""))))
                    .contains("\r\nContent-Length: 0\r\n");
            byte[] get = written(alloc, RequestSpec.get("/", ""));
            assertThat(head(get)).doesNotContain("Content-Length");
            assertThat(body(get)).isEmpty();
        }
    }

    @Test
    void writesTheAbsoluteFormAndTheProxysCredentialsToAForwardProxy() {
        var spec = new RequestSpec("GET", "/sum", "a=1", Map.of("Host", List.of("api.example")), "");
        String viaProxy = head(written(PooledByteBufAllocator.DEFAULT, spec,
                new ProxyAddress("proxy.local", 3128, "Basic dTpw")));
        assertThat(viaProxy).startsWith("GET http://127.0.0.1:8080/sum?a=1 HTTP/1.1\r\n")
                .contains("\r\nHost: api.example\r\n").contains("\r\nProxy-Authorization: Basic dTpw\r\n");
        String direct = head(written(PooledByteBufAllocator.DEFAULT, spec));
        assertThat(direct).startsWith("GET /sum?a=1 HTTP/1.1\r\n").doesNotContain("Proxy-Authorization");
    }
}
