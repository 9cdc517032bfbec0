package dev.imager.worker.engine;

import dev.imager.protocol.message.RequestSpec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.util.Arrays;

/**
 * One HTTP/1.1 connection pool's last request, as bytes: a run usually repeats one request, so a repeat is copied
 * instead of encoded again by {@link RequestWriter}. Event-loop confined, like its pool.
 *
 * <p>Jobs of a round interleave on a loop, each with its own equal spec and target objects: those found equal to the
 * last request's are remembered by identity ({@link #REMEMBERED} pairs at most), so a repeat costs no comparison of
 * their fields. The bytes are kept from the second request in a row on, so requests that never repeat (a source of
 * distinct requests) cost no copy.
 */
final class RepeatedRequest {

    /** Spec and target objects remembered as equal to the last request's: a few rounds of jobs. */
    static final int REMEMBERED = 32;

    private RequestSpec lastSpec;
    private TargetAddress lastTarget;
    private byte[] lastBytes;
    private final RequestSpec[] sameSpecs = new RequestSpec[REMEMBERED];
    private final TargetAddress[] sameTargets = new TargetAddress[REMEMBERED];
    private int next;

    /**
     * The request's bytes, as {@link RequestWriter#write} writes them; {@code userAgent} and {@code forwardProxy} are
     * the pool's own and never change.
     */
    ByteBuf render(ByteBufAllocator alloc, RequestSpec spec, TargetAddress target, String userAgent,
            ProxyAddress forwardProxy) {
        if (!isSameAsLast(spec, target)) {
            lastSpec = spec;
            lastTarget = target;
            lastBytes = null;
            Arrays.fill(sameSpecs, null);
            Arrays.fill(sameTargets, null);
            next = 0;
            remember(spec, target);
            return RequestWriter.write(alloc, spec, target, userAgent, forwardProxy);
        }
        if (lastBytes != null) {
            return alloc.buffer(lastBytes.length).writeBytes(lastBytes);
        }
        ByteBuf http = RequestWriter.write(alloc, spec, target, userAgent, forwardProxy);
        lastBytes = ByteBufUtil.getBytes(http);
        return http;
    }

    private boolean isSameAsLast(RequestSpec spec, TargetAddress target) {
        for (int i = 0; i < REMEMBERED; i++) {
            if (sameSpecs[i] == spec && sameTargets[i] == target) {
                return true;
            }
        }
        if (lastSpec != null && spec.equals(lastSpec) && target.equals(lastTarget)) {
            remember(spec, target);
            return true;
        }
        return false;
    }

    private void remember(RequestSpec spec, TargetAddress target) {
        sameSpecs[next] = spec;
        sameTargets[next] = target;
        next = (next + 1) % REMEMBERED;
    }
}
