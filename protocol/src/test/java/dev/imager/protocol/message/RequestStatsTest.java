package dev.imager.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imager.protocol.latency.LatencySnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestStatsTest {

    private static RequestStats stats(long ok, long http5xx, Map<Integer, Long> codes, long bytes, long... latencies) {
        return new RequestStats(new OutcomeCounts(ok, 0, http5xx, 0, 0, 0, 0), codes, bytes,
                LatencySnapshot.ofMicros(latencies), LatencySnapshot.ofMicros(latencies), LatencySnapshot.ofMicros(5));
    }

    @Test
    void plusAddsCountsAndMergesHistogramsLosslessly() {
        RequestStats a = stats(3, 0, Map.of(200, 3L), 30, 1_000, 2_000, 3_000);
        RequestStats b = stats(1, 1, Map.of(200, 1L, 503, 1L), 5, 100_000);

        RequestStats sum = a.plus(b);

        assertThat(sum.outcomes()).isEqualTo(new OutcomeCounts(4, 0, 1, 0, 0, 0, 0));
        assertThat(sum.statusCodes()).isEqualTo(Map.of(200, 4L, 503, 1L));
        assertThat(sum.bytesReceived()).isEqualTo(35);
        // The merged distribution is that of all four samples: its p50 is a sample of a, its max the one of b.
        assertThat(sum.latency()).isEqualTo(LatencySnapshot.ofMicros(1_000, 2_000, 3_000, 100_000));
        assertThat(sum.latency().valueAtPercentileMicros(50)).isBetween(1_999L, 2_001L);
        assertThat(sum.serviceTime().count()).isEqualTo(4);
        assertThat(sum.sendLag().count()).isEqualTo(2);
        assertThat(a.plus(b)).isEqualTo(b.plus(a));
    }

    @Test
    void plusAddsTheBreakdownByProtocol() {
        LatencySnapshot none = LatencySnapshot.empty();
        RequestStats a = new RequestStats(new OutcomeCounts(3, 0, 0, 0, 0, 0, 0), Map.of(200, 2L, 301, 1L),
                Map.of("HTTP/1.1", Map.of(200, 2L, 301, 1L)), 0, none, none, none);
        RequestStats b = new RequestStats(new OutcomeCounts(2, 0, 0, 0, 0, 0, 0), Map.of(200, 2L),
                Map.of("HTTP/1.1", Map.of(200, 1L), "HTTP/2", Map.of(200, 1L)), 0, none, none, none);

        RequestStats sum = a.plus(b);

        assertThat(sum.protocols()).containsExactly(Map.entry("HTTP/1.1", Map.of(200, 3L, 301, 1L)),
                Map.entry("HTTP/2", Map.of(200, 1L)));
        assertThat(sum.plus(RequestStats.EMPTY)).isEqualTo(sum);
    }

    @Test
    void refusesAProtocolItDoesNotKnow() {
        LatencySnapshot none = LatencySnapshot.empty();
        assertThatThrownBy(() -> new RequestStats(OutcomeCounts.ZERO, Map.of(), Map.of("HTTP/3", Map.of(200, 1L)), 0,
                none, none, none)).hasMessageContaining("protocols key HTTP/3");
        assertThatThrownBy(() -> new RequestStats(OutcomeCounts.ZERO, Map.of(), Map.of("HTTP/2", Map.of(200, -1L)), 0,
                none, none, none)).hasMessageContaining("protocols[HTTP/2][200] must be >= 0");
    }

    @Test
    void emptyIsTheIdentityOfPlus() {
        RequestStats a = stats(3, 1, Map.of(200, 3L, 500, 1L), 30, 1_000, 2_000);
        assertThat(a.plus(RequestStats.EMPTY)).isEqualTo(a);
        assertThat(RequestStats.EMPTY.plus(a)).isEqualTo(a);
        assertThat(RequestStats.EMPTY.outcomes().total()).isZero();
        assertThat(RequestStats.EMPTY.latency().isEmpty()).isTrue();
    }

    @Test
    void statusCodesAreCopiedSortedAndUnmodifiable() {
        Map<Integer, Long> codes = new HashMap<>(Map.of(503, 1L, 200, 3L, 404, 2L));
        RequestStats s = stats(3, 1, codes, 0);
        codes.put(201, 9L);

        assertThat(s.statusCodes()).containsExactly(Map.entry(200, 3L), Map.entry(404, 2L), Map.entry(503, 1L));
        assertThat(s.status(404)).isEqualTo(2);
        assertThat(s.status(418)).isZero();
        assertThatThrownBy(() -> s.statusCodes().put(201, 1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesValuesThatBreakItsInvariantsNamingTheField() {
        LatencySnapshot none = LatencySnapshot.empty();
        OutcomeCounts zero = OutcomeCounts.ZERO;
        assertThatThrownBy(() -> new RequestStats(null, Map.of(), 0, none, none, none))
                .hasMessageContaining("outcomes");
        assertThatThrownBy(() -> new RequestStats(zero, null, 0, none, none, none)).hasMessageContaining("statusCodes");
        assertThatThrownBy(() -> new RequestStats(zero, Map.of(), -1, none, none, none))
                .hasMessageContaining("bytesReceived must be >= 0");
        assertThatThrownBy(() -> new RequestStats(zero, Map.of(), 0, null, none, none)).hasMessageContaining("latency");
        assertThatThrownBy(() -> new RequestStats(zero, Map.of(), 0, none, null, none))
                .hasMessageContaining("serviceTime");
        assertThatThrownBy(() -> new RequestStats(zero, Map.of(), 0, none, none, null)).hasMessageContaining("sendLag");
        for (int code : List.of(99, 1000, -200)) {
            assertThatThrownBy(() -> new RequestStats(zero, Map.of(code, 1L), 0, none, none, none))
                    .hasMessageContaining("not an HTTP status code");
        }
        assertThatThrownBy(() -> new RequestStats(zero, Map.of(200, -1L), 0, none, none, none))
                .hasMessageContaining("statusCodes[200] must be >= 0");
        Map<Integer, Long> nullCount = new HashMap<>();
        nullCount.put(200, null);
        assertThatThrownBy(() -> new RequestStats(zero, nullCount, 0, none, none, none))
                .hasMessageContaining("statusCodes[200]");
    }

    @Test
    void absurdByteAndStatusCountsSaturateInsteadOfTurningNegative() {
        RequestStats huge = stats(1, 0, Map.of(200, Long.MAX_VALUE), Long.MAX_VALUE);
        RequestStats sum = huge.plus(huge);
        assertThat(sum.bytesReceived()).isEqualTo(Long.MAX_VALUE);
        assertThat(sum.status(200)).isEqualTo(Long.MAX_VALUE);
    }
}
