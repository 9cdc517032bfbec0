package dev.imager.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imager.protocol.latency.LatencySnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportModelTest {

    private static final Percentiles P = Percentiles.NONE;

    /** planned, sent, ok, 4xx, 5xx, timeout, connect, other, dropped, lost. */
    private static RoundRow row(long... c) {
        return new RoundRow(7, 6, 100, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], P, P, 0, null, false);
    }

    @Test
    void everyPlannedRequestIsInExactlyOneBucket() {
        // each bucket once: 10 planned = 1 ok + 1+1+1+1+1 failed + 2 dropped + 2 lost, 6 sent
        assertThat(row(10, 6, 1, 1, 1, 1, 1, 1, 2, 2).failed()).isEqualTo(5);
        // nothing planned, nothing anywhere
        assertThat(row(0, 0, 0, 0, 0, 0, 0, 0, 0, 0).planned()).isZero();
        // one request more planned than accounted for
        assertThatThrownBy(() -> row(11, 6, 1, 1, 1, 1, 1, 1, 2, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("round 7 does not add up: planned 11 != 6 sent + 2 dropped + 2 lost");
        // sent disagrees with the answered buckets
        assertThatThrownBy(() -> row(10, 5, 1, 1, 1, 1, 1, 1, 2, 2))
                .hasMessageStartingWith("round 7 does not add up: sent 5 != 6");
        // a negative bucket, even when the sum works out
        assertThatThrownBy(() -> row(0, 0, 1, 0, 0, 0, 0, 0, -1, 0))
                .hasMessage("round 7: dropped is negative: -1");
    }

    @Test
    void totalsCheckTheSameInvariant() {
        assertThatThrownBy(() -> new ReportTotals(1, 0, 10, 10, 9, 0, 0, 0, 0, 0, 0, 0, Map.of(), Map.of(), 0, 1, 10, 10, 0,
                P, P, P)).hasMessageStartingWith("totals does not add up: sent 10 != 9");
    }

    @Test
    void rejectsNumbersJsonCannotCarry() {
        assertThatThrownBy(() -> new Percentiles(Double.NaN, 0, 0, 0, 0, 0, 0))
                .hasMessage("p50 must be a finite number >= 0, was NaN");
        assertThatThrownBy(() -> new RoundRow(3, Double.POSITIVE_INFINITY, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, P, P, 0,
                null, false)).hasMessage("round 3: t must be a finite number >= 0, was Infinity");
        assertThatThrownBy(() -> SampleReports.settings("step", 0))
                .hasMessage("roundSeconds must be positive, was 0.0");
    }

    @Test
    void statusCodesAreSortedAndImmutable() {
        Map<Integer, Long> codes = new HashMap<>(Map.of(503, 1L, 200, 5L, 404, 2L));
        ReportTotals t = new ReportTotals(1, 0, 8, 8, 5, 2, 1, 0, 0, 0, 0, 0, codes, Map.of(), 0, 1, 8, 8, 0.375, P, P, P);
        codes.put(500, 9L);
        assertThat(t.statusCodes().keySet()).containsExactly(200, 404, 503);
        assertThatThrownBy(() -> t.statusCodes().put(1, 1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void listsAreCopied() {
        RunReport r = SampleReports.small();
        assertThatThrownBy(() -> r.rounds().add(r.rounds().get(0))).isInstanceOf(UnsupportedOperationException.class);
        assertThat(r.withThresholds(List.of()).thresholds()).isEmpty();
    }

    @Test
    void percentilesAreMillisecondsWithMicrosecondPrecision() {
        Percentiles p = Percentiles.of(LatencySnapshot.ofMicros(1_000, 2_000, 3_000, 4_000, 250_123));
        // HdrHistogram keeps 3 significant digits and reports a bucket's highest value: 3,000 µs -> 3.001 ms
        assertThat(p.p50()).isEqualTo(3.001);
        assertThat(p.max()).isBetween(250.0, 250.3);
        assertThat(p.count()).isEqualTo(5);
        assertThat(p.mean()).isBetween(52.0, 52.1);
        // a single 1,234 µs sample keeps its microseconds
        assertThat(Percentiles.of(LatencySnapshot.ofMicros(1_234)).p99()).isEqualTo(1.234);
        // no samples: all zeros, count 0
        assertThat(Percentiles.of(LatencySnapshot.empty())).isEqualTo(Percentiles.NONE);
    }
}
