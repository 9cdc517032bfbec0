package dev.imager.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imager.protocol.latency.LatencySnapshot;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RequestStatsRecorderTest {

    /** Records one request the way a worker's lane does: an outcome, and for a response its status, bytes and times. */
    private static void request(RequestStatsRecorder r, Outcome outcome, int status, long bytes, long latencyMicros) {
        r.count(outcome);
        if (outcome != Outcome.DROPPED) {
            r.sendLagMicros(latencyMicros / 10);
            r.latencyMicros(latencyMicros);
            r.serviceTimeMicros(latencyMicros - latencyMicros / 10);
            r.status(status);
            r.bytes(bytes);
        }
    }

    @Test
    void recordsEveryPartOfTheValue() {
        RequestStatsRecorder r = new RequestStatsRecorder();
        assertThat(r.isEmpty()).isTrue();
        request(r, Outcome.OK, 200, 10, 1_000);
        request(r, Outcome.OK, 200, 10, 3_000);
        request(r, Outcome.HTTP_5XX, 503, 4, 2_000);
        request(r, Outcome.DROPPED, 0, 0, 0);
        r.count(Outcome.TIMEOUT, 2);

        RequestStats s = r.snapshot();

        assertThat(r.isEmpty()).isFalse();
        assertThat(r.total()).isEqualTo(6);
        assertThat(r.outcomes()).isEqualTo(s.outcomes());
        assertThat(s.outcomes()).isEqualTo(new OutcomeCounts(2, 0, 1, 2, 0, 0, 1));
        assertThat(s.statusCodes()).isEqualTo(Map.of(200, 2L, 503, 1L));
        assertThat(s.bytesReceived()).isEqualTo(24);
        assertThat(s.latency()).isEqualTo(LatencySnapshot.ofMicros(1_000, 3_000, 2_000));
        assertThat(s.serviceTime()).isEqualTo(LatencySnapshot.ofMicros(900, 2_700, 1_800));
        assertThat(s.sendLag()).isEqualTo(LatencySnapshot.ofMicros(100, 300, 200));
    }

    @Test
    void countsResponsesByProtocolAndStatusBesideTheStatusTotals() {
        RequestStatsRecorder r = new RequestStatsRecorder();
        r.response(HttpProtocol.HTTP_2, 200);
        r.response(HttpProtocol.HTTP_2, 200);
        r.response(HttpProtocol.HTTP_1_1, 301);
        r.response(HttpProtocol.HTTP_1_1, 200);
        r.response(HttpProtocol.HTTP_1_0, 1000); // not a status code: ignored everywhere
        RequestStatsRecorder other = new RequestStatsRecorder();
        other.response(HttpProtocol.HTTP_2, 503);
        r.add(other);
        r.add(new RequestStats(OutcomeCounts.ZERO, Map.of(200, 1L), Map.of("HTTP/1.0", Map.of(200, 1L)), 0,
                LatencySnapshot.empty(), LatencySnapshot.empty(), LatencySnapshot.empty()));

        RequestStats s = r.snapshot();

        assertThat(s.statusCodes()).isEqualTo(Map.of(200, 4L, 301, 1L, 503, 1L));
        assertThat(s.protocols()).isEqualTo(Map.of("HTTP/2", Map.of(200, 2L, 503, 1L),
                "HTTP/1.1", Map.of(200, 1L, 301, 1L), "HTTP/1.0", Map.of(200, 1L)));
        r.reset();
        assertThat(r.snapshot().protocols()).isEmpty();
    }

    @Test
    void aSentRequestWithoutAnOutcomeYetIsNotEmpty() {
        RequestStatsRecorder r = new RequestStatsRecorder();
        r.sendLagMicros(50);
        assertThat(r.total()).isZero();
        assertThat(r.isEmpty()).isFalse();
    }

    @Test
    void statusCodesOutsideHttpsRangeAreIgnored() {
        RequestStatsRecorder r = new RequestStatsRecorder();
        r.status(99);
        r.status(1000);
        r.status(-1);
        r.status(100);
        r.status(999);
        assertThat(r.snapshot().statusCodes()).isEqualTo(Map.of(100, 1L, 999, 1L));
    }

    @Test
    void aSnapshotIsACopyThatLaterRecordingDoesNotChange() {
        RequestStatsRecorder r = new RequestStatsRecorder();
        request(r, Outcome.OK, 200, 10, 1_000);
        RequestStats first = r.snapshot();
        request(r, Outcome.OK, 201, 10, 9_000);

        assertThat(first.outcomes().ok()).isEqualTo(1);
        assertThat(first.latency().count()).isEqualTo(1);
        assertThat(first.statusCodes()).isEqualTo(Map.of(200, 1L));
        assertThat(r.snapshot().latency().count()).isEqualTo(2);
    }

    @Test
    void mergingValuesIntoARecorderEqualsAddingThemUp() {
        // The ledger's way (a recorder per round, deltas added) and the value's way (plus) agree, on random deltas.
        Random random = new Random(7);
        RequestStatsRecorder merged = new RequestStatsRecorder();
        RequestStats summed = RequestStats.EMPTY;
        for (int delta = 0; delta < 50; delta++) {
            RequestStatsRecorder worker = new RequestStatsRecorder();
            for (int i = random.nextInt(20); i > 0; i--) {
                Outcome outcome = Outcome.values()[random.nextInt(Outcome.values().length)];
                int status = 200 + random.nextInt(400);
                request(worker, outcome, status, random.nextInt(1_000), 1 + random.nextInt(5_000_000));
            }
            RequestStats value = worker.handOver();
            merged.add(value);
            summed = summed.plus(value);
        }
        assertThat(merged.snapshot()).isEqualTo(summed);
        assertThat(merged.handOver()).isEqualTo(summed);
    }

    @Test
    void addingARecorderEqualsAddingItsValue() {
        RequestStatsRecorder lane = new RequestStatsRecorder();
        request(lane, Outcome.OK, 200, 10, 1_000);
        request(lane, Outcome.HTTP_4XX, 404, 3, 2_000);
        RequestStatsRecorder viaRecorder = new RequestStatsRecorder();
        RequestStatsRecorder viaValue = new RequestStatsRecorder();
        request(viaRecorder, Outcome.OK, 200, 1, 500);
        request(viaValue, Outcome.OK, 200, 1, 500);

        viaRecorder.add(lane);
        viaValue.add(lane.snapshot());

        assertThat(viaRecorder.snapshot()).isEqualTo(viaValue.snapshot());
    }

    @Test
    void resetEmptiesTheRecorderForReuse() {
        RequestStatsRecorder r = new RequestStatsRecorder();
        request(r, Outcome.OK, 200, 10, 1_000);
        r.reset();
        assertThat(r.isEmpty()).isTrue();
        assertThat(r.snapshot()).isEqualTo(RequestStats.EMPTY);
        request(r, Outcome.OK, 204, 0, 2_000);
        assertThat(r.snapshot().statusCodes()).isEqualTo(Map.of(204, 1L));
    }

    @Test
    void aHandedOverRecorderCannotChangeTheValueItGaveAway() {
        RequestStatsRecorder r = new RequestStatsRecorder();
        request(r, Outcome.OK, 200, 10, 1_000);
        RequestStats given = r.handOver();

        assertThatThrownBy(() -> r.latencyMicros(5)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> r.add(given)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> r.add(new RequestStatsRecorder())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(r::snapshot).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(r::handOver).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(r::reset).isInstanceOf(IllegalStateException.class);
        assertThat(given.latency()).isEqualTo(LatencySnapshot.ofMicros(1_000));
    }

    @Test
    void absurdCountsFromAPeerSaturateInsteadOfTurningNegative() {
        RequestStats huge = new RequestStats(new OutcomeCounts(Long.MAX_VALUE, 0, 0, 0, 0, 0, 0),
                Map.of(200, Long.MAX_VALUE), Long.MAX_VALUE, LatencySnapshot.empty(), LatencySnapshot.empty(),
                LatencySnapshot.empty());
        RequestStatsRecorder r = new RequestStatsRecorder();
        r.add(huge);
        r.add(huge);
        RequestStats s = r.snapshot();
        assertThat(s.outcomes().ok()).isEqualTo(Long.MAX_VALUE);
        assertThat(s.status(200)).isEqualTo(Long.MAX_VALUE);
        assertThat(s.bytesReceived()).isEqualTo(Long.MAX_VALUE);
    }
}
