package dev.imager.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.protocol.message.RequestSpec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepeatedRequestTest {

    private static final ByteBufAllocator ALLOC = new UnpooledByteBufAllocator(false);

    private static String rendered(RepeatedRequest repeated, RequestSpec spec, TargetAddress target) {
        ByteBuf out = repeated.render(ALLOC, spec, target, "imager/test", null);
        try {
            return new String(ByteBufUtil.getBytes(out), StandardCharsets.ISO_8859_1);
        } finally {
            out.release();
        }
    }

    private static String written(RequestSpec spec, TargetAddress target) {
        ByteBuf out = RequestWriter.write(ALLOC, spec, target, "imager/test", null);
        try {
            return new String(ByteBufUtil.getBytes(out), StandardCharsets.ISO_8859_1);
        } finally {
            out.release();
        }
    }

    @Test
    void everyRequestIsWhatTheWriterWritesWhetherRepeatedInterleavedOrNew() {
        TargetAddress a = TargetAddress.parse("http://127.0.0.1:8080/base");
        TargetAddress equalToA = TargetAddress.parse("http://127.0.0.1:8080/base");
        TargetAddress b = TargetAddress.parse("http://127.0.0.1:9090");
        RequestSpec get = RequestSpec.get("/x", "q=1");
        RequestSpec equalGet = RequestSpec.get("/x", "q=1");
        RequestSpec post = new RequestSpec("POST", "/y", "", Map.of("X-Trace", List.of("1")), "body");
        // Repeats of one object, equal objects of other jobs interleaved, then other specs and targets, and back.
        List<RequestSpec> specs = List.of(get, get, equalGet, get, equalGet, post, post, get, get, get, equalGet);
        List<TargetAddress> targets = List.of(a, a, equalToA, a, a, a, b, b, a, equalToA, a);
        RepeatedRequest repeated = new RepeatedRequest();

        for (int i = 0; i < specs.size(); i++) {
            assertThat(rendered(repeated, specs.get(i), targets.get(i))).as("request %d", i)
                    .isEqualTo(written(specs.get(i), targets.get(i)));
        }
        assertThat(rendered(repeated, get, a)).startsWith("GET /base/x?q=1 HTTP/1.1\r\n");
        assertThat(rendered(repeated, post, b)).startsWith("POST /y HTTP/1.1\r\n").endsWith("\r\n\r\nbody");
    }

    @Test
    void remembersBoundedlyManyEqualObjects() {
        TargetAddress target = TargetAddress.parse("http://127.0.0.1:8080");
        RepeatedRequest repeated = new RepeatedRequest();
        // More equal spec objects than it remembers, over and over: still the writer's bytes each time.
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < RepeatedRequest.REMEMBERED * 2; i++) {
                RequestSpec spec = RequestSpec.get("/same", "");
                assertThat(rendered(repeated, spec, target)).isEqualTo(written(spec, target));
            }
        }
    }
}
