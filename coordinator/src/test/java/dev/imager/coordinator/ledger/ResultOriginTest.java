package dev.imager.coordinator.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.inbox.MessageRefusal;
import dev.imager.coordinator.inbox.Refused;
import dev.imager.protocol.latency.LatencySnapshot;
import dev.imager.protocol.message.JobAck;
import dev.imager.protocol.message.JobRejected;
import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.message.RejectReason;
import dev.imager.protocol.message.RequestStats;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where a result may come from: every way a message can fail to be the next delta of an open job, each refused with
 * its reason, none changing the job's accounting; and the real delta that follows still counts.
 */
class ResultOriginTest {

    private static final long S = 1_000_000_000L;
    private final ResultLedger ledger = new ResultLedger("run", new LedgerTimeouts(
            Duration.ofSeconds(5)));

    /** {@code n} values of {@code micros}. */
    private static LatencySnapshot times(long n) {
        return LatencySnapshot.ofMicros(LongStream.range(0, n).map(i -> 2_000).toArray());
    }

    /** A consistent delta of {@code ok} answered requests. */
    private static RequestStats ok(long ok) {
        return new RequestStats(new OutcomeCounts(ok, 0, 0, 0, 0, 0, 0), ok > 0 ? Map.of(200, ok) : Map.of(), ok,
                times(ok), times(ok), times(ok));
    }

    private static JobResult result(String run, long round, String job, String worker, int seq, RequestStats stats,
            boolean done) {
        return new JobResult(run, round, job, worker, seq, stats, done);
    }

    @BeforeEach
    void aJobOfTenRequestsTakenByW1WithOneDeltaCounted() {
        ledger.roundPlanned(0, 10, 0);
        ledger.jobPublished(0, "j", 10, 0, S);
        assertThat(ledger.onAck(new JobAck("run", 0, "j", "w1", 1))).isEmpty();
        assertThat(ledger.onResult(result("run", 0, "j", "w1", 0, ok(3), false))).isEmpty();
    }

    static Stream<Arguments> forgeries() {
        RequestStats five = ok(5);
        return Stream.of(
                // a job of another run, or one this coordinator never planned
                row(result("run-other", 0, "j", "w1", 1, five, false), MessageRefusal.UNKNOWN_JOB),
                row(result("run", 0, "j-unknown", "w1", 1, five, false), MessageRefusal.UNKNOWN_JOB),
                row(result("run", 3, "j", "w1", 1, five, false), MessageRefusal.UNKNOWN_JOB),
                // from a worker that did not acknowledge the job
                row(result("run", 0, "j", "w2", 1, five, false), MessageRefusal.WRONG_WORKER),
                // a delta counted already (a re-send), and one ahead of the next
                row(result("run", 0, "j", "w1", 0, ok(3), false), MessageRefusal.DUPLICATE),
                row(result("run", 0, "j", "w1", 57, five, false), MessageRefusal.OUT_OF_ORDER),
                // more outcomes than the 7 requests left
                row(result("run", 0, "j", "w1", 1, ok(8), true), MessageRefusal.OVER_COUNT),
                // histograms and status codes that disagree with the outcomes
                row(result("run", 0, "j", "w1", 1, new RequestStats(new OutcomeCounts(5, 0, 0, 0, 0, 0, 0),
                        Map.of(200, 5L), 5, times(2), times(2), times(5)), false), MessageRefusal.INCONSISTENT_STATS),
                row(result("run", 0, "j", "w1", 1, new RequestStats(new OutcomeCounts(5, 0, 0, 0, 0, 0, 0),
                        Map.of(200, 5L), 5, times(5), times(6), times(6)), false), MessageRefusal.INCONSISTENT_STATS),
                row(result("run", 0, "j", "w1", 1, new RequestStats(new OutcomeCounts(5, 0, 0, 0, 0, 0, 0),
                        Map.of(200, 9L), 5, times(5), times(5), times(5)), false), MessageRefusal.INCONSISTENT_STATS),
                row(result("run", 0, "j", "w1", 1, new RequestStats(new OutcomeCounts(5, 0, 0, 0, 0, 0, 0),
                        Map.of(500, 5L), 5, times(5), times(5), times(5)), false), MessageRefusal.INCONSISTENT_STATS),
                row(result("run", 0, "j", "w1", 1, new RequestStats(new OutcomeCounts(0, 0, 0, 0, 0, 0, 0),
                        Map.of(), 100, times(0), times(0), times(0)), false), MessageRefusal.INCONSISTENT_STATS),
                // over the job: more requests written than its 10 less the 6 dropped
                row(result("run", 0, "j", "w1", 1, new RequestStats(new OutcomeCounts(0, 0, 0, 0, 0, 0, 6),
                        Map.of(), 0, times(0), times(0), times(5)), false), MessageRefusal.INCONSISTENT_STATS),
                // service times of requests never written
                row(result("run", 0, "j", "w1", 1, new RequestStats(new OutcomeCounts(4, 0, 0, 0, 0, 0, 0),
                        Map.of(200, 4L), 4, times(4), times(4), times(0)), false), MessageRefusal.INCONSISTENT_STATS));
    }

    private static Arguments row(JobResult forged, MessageRefusal reason) {
        return Arguments.of(forged, reason);
    }

    @ParameterizedTest
    @MethodSource("forgeries")
    void aForgedOrMisplacedDeltaIsRefusedAndChangesNothing(JobResult forged, MessageRefusal reason) {
        Optional<Refused> refused = ledger.onResult(forged);

        assertThat(refused).hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(reason));
        // The real next delta still counts, and the job adds up to exactly what w1 reported.
        assertThat(ledger.onResult(result("run", 0, "j", "w1", 1, ok(7), true))).isEmpty();
        CompletedRound round = ledger.sweep(0).get(0);
        assertThat(round.stats().outcomes().ok()).isEqualTo(10);
        assertThat(round.lost()).isZero();
        assertThat(round.stats().latency().count()).isEqualTo(10);
    }

    @Test
    void onlyTheFirstWorkerToAcknowledgeAJobCounts() {
        assertThat(ledger.onAck(new JobAck("run", 0, "j", "w2", 1))).hasValueSatisfying(r ->
                assertThat(r.reason()).isEqualTo(MessageRefusal.WRONG_WORKER));
        assertThat(ledger.onAck(new JobAck("run", 0, "j", "w1", 1))).hasValueSatisfying(r ->
                assertThat(r.reason()).isEqualTo(MessageRefusal.DUPLICATE));
        // A rejection of a job some worker acknowledged cannot be real: a worker rejects instead of acknowledging.
        assertThat(ledger.onRejected(new JobRejected("run", "j", "w2", RejectReason.INVALID, "forged")))
                .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(MessageRefusal.WRONG_WORKER));
        assertThat(ledger.onRejected(new JobRejected("run-other", "j", "w1", RejectReason.INVALID, "forged")))
                .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(MessageRefusal.UNKNOWN_JOB));
        assertThat(ledger.openJobs()).isEqualTo(1);
    }

    @Test
    void aResultBeforeAnyAcknowledgementIsRefused() {
        ledger.jobPublished(0, "unacknowledged", 5, 0, S);
        assertThat(ledger.onResult(result("run", 0, "unacknowledged", "w1", 0, ok(5), true))).hasValueSatisfying(r ->
                assertThat(r.reason()).isEqualTo(MessageRefusal.NOT_ACKNOWLEDGED));
        assertThat(ledger.openJobs()).isEqualTo(2);
    }
}
