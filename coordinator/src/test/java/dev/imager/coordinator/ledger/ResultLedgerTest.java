package dev.imager.coordinator.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.inbox.MessageRefusal;
import dev.imager.protocol.latency.LatencySnapshot;
import dev.imager.protocol.message.JobAck;
import dev.imager.protocol.message.JobRejected;
import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.message.RejectReason;
import dev.imager.protocol.message.RequestStats;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ResultLedgerTest {

    private static final long S = 1_000_000_000L;
    private final ResultLedger ledger = new ResultLedger("run", new LedgerTimeouts(
            Duration.ofSeconds(5)));

    /**
     * A delta as a worker records it: one latency, service time and send lag per request that ended (not dropped),
     * 200 for each ok, 503 for each 5xx; the latencies {@code 1000 + 1000 i} µs.
     */
    private static JobResult delta(String job, String worker, int seq, long ok, long http5xx, long dropped,
            boolean done) {
        return delta(0, job, worker, seq, ok, http5xx, dropped, done);
    }

    private static JobResult delta(long round, String job, String worker, int seq, long ok, long http5xx, long dropped,
            boolean done) {
        long[] values = LongStream.range(0, ok + http5xx).map(i -> 1_000 + 1_000 * i).toArray();
        LatencySnapshot times = LatencySnapshot.ofMicros(values);
        RequestStats stats = new RequestStats(new OutcomeCounts(ok, 0, http5xx, 0, 0, 0, dropped),
                http5xx > 0 ? Map.of(200, ok, 503, http5xx) : ok > 0 ? Map.of(200, ok) : Map.of(), 10 * ok, times,
                times, times);
        return new JobResult("run", round, job, worker, seq, stats, done);
    }

    private static JobAck ack(String job, String worker) {
        return ack(0, job, worker);
    }

    private static JobAck ack(long round, String job, String worker) {
        return new JobAck("run", round, job, worker, 1);
    }

    private static void assertAddsUp(CompletedRound t) {
        assertThat(t.planned()).isEqualTo(t.stats().outcomes().total() + t.lost());
    }

    @Test
    void mergesEveryDeltaOfEveryJobIntoItsRound() {
        ledger.roundPlanned(0, 30, 100);
        ledger.jobPublished(0, "j0", 20, 0, 2 * S);
        ledger.jobPublished(0, "j1", 10, 0, 2 * S);
        ledger.onAck(ack("j0", "w1"));
        ledger.onAck(ack("j1", "w2"));
        ledger.onResult(delta("j0", "w1", 0, 12, 0, 0, false));
        assertThat(ledger.sweep(S)).isEmpty();
        ledger.onResult(delta("j0", "w1", 1, 7, 1, 0, true));
        ledger.onResult(delta("j1", "w2", 0, 9, 0, 1, true));

        List<CompletedRound> done = ledger.sweep(S);

        assertThat(done).hasSize(1);
        CompletedRound t = done.get(0);
        assertThat(t.planned()).isEqualTo(30);
        assertThat(t.jobs()).isEqualTo(2);
        assertThat(t.stats().outcomes()).isEqualTo(new OutcomeCounts(28, 0, 1, 0, 0, 0, 1));
        assertThat(t.lost()).isZero();
        assertThat(t.stats().statusCodes()).isEqualTo(Map.of(200, 28L, 503, 1L));
        assertThat(t.stats().latency().count()).isEqualTo(29);
        assertThat(t.stats().latency().maxMicros()).isBetween(11_990L, 12_010L);
        assertAddsUp(t);
        assertThat(ledger.totals().planned()).isEqualTo(30);
        assertThat(ledger.idle()).isTrue();
    }

    @Test
    void aJobNobodyAcknowledgesIsDroppedOnlyAfterItsDeadlinePlusGrace() {
        ledger.roundPlanned(0, 10, 0);
        ledger.jobPublished(0, "j0", 10, 0, S);             // deadline 1 s, grace 5 s
        assertThat(ledger.sweep(6 * S)).isEmpty();          // a worker may still have it: not yet
        CompletedRound t = ledger.sweep(6 * S + 1).get(0);  // no worker could take it any more: it reached none
        assertThat(t.lost()).isZero();
        assertThat(t.stats().outcomes().dropped()).isEqualTo(10);
        assertAddsUp(t);
        assertThat(ledger.totals().droppedBy()).isEqualTo(Map.of(DropReason.NOT_ACKNOWLEDGED, 10L));
        // An ack or result arriving after that bound is refused and changes nothing: the job is no longer open.
        assertThat(ledger.onAck(ack("j0", "w1"))).hasValueSatisfying(r ->
                assertThat(r.reason()).isEqualTo(MessageRefusal.UNKNOWN_JOB));
        assertThat(ledger.onResult(delta("j0", "w1", 0, 10, 0, 0, true))).hasValueSatisfying(r ->
                assertThat(r.reason()).isEqualTo(MessageRefusal.UNKNOWN_JOB));
        assertThat(ledger.totals().lost()).isZero();
        assertThat(ledger.totals().stats().outcomes().ok()).isZero();
        assertThat(ledger.counts()).isEqualTo(new RunCounts(new OutcomeCounts(0, 0, 0, 0, 0, 0, 10), 0));
        assertThat(ledger.counts().planned()).isEqualTo(10);
    }

    @Test
    void aJobAcknowledgedSecondsLateCountsNormallyFromTheWorkerThatAcknowledgedFirst() {
        // A frozen broker held the job and its acknowledgement for 3 s: the job is still open, nothing was dropped.
        ledger.roundPlanned(0, 10, 0);
        ledger.jobPublished(0, "j0", 10, 0, S);
        assertThat(ledger.sweep(3 * S)).isEmpty();
        assertThat(ledger.totals().stats().outcomes().dropped()).isZero();
        assertThat(ledger.onAck(ack("j0", "w1"))).isEmpty();
        assertThat(ledger.onAck(ack("j0", "w1"))).as("sent again").hasValueSatisfying(r ->
                assertThat(r.reason()).isEqualTo(MessageRefusal.DUPLICATE));
        assertThat(ledger.onAck(ack("j0", "forger"))).hasValueSatisfying(r ->
                assertThat(r.reason()).isEqualTo(MessageRefusal.WRONG_WORKER));
        assertThat(ledger.onResult(delta("j0", "forger", 0, 10, 0, 0, true))).hasValueSatisfying(r ->
                assertThat(r.reason()).isEqualTo(MessageRefusal.WRONG_WORKER));
        assertThat(ledger.onResult(delta("j0", "w1", 1, 4, 0, 0, true))).hasValueSatisfying(r ->
                assertThat(r.reason()).isEqualTo(MessageRefusal.OUT_OF_ORDER));
        assertThat(ledger.onResult(delta("j0", "w1", 0, 6, 0, 0, false))).isEmpty();
        assertThat(ledger.onResult(delta("j0", "w1", 0, 6, 0, 0, false))).hasValueSatisfying(r ->
                assertThat(r.reason()).isEqualTo(MessageRefusal.DUPLICATE));
        assertThat(ledger.onResult(delta("j0", "w1", 1, 4, 0, 0, true))).isEmpty();
        CompletedRound t = ledger.sweep(4 * S).get(0);
        assertAddsUp(t);
        assertThat(t.stats().outcomes().ok()).isEqualTo(10);
        assertThat(t.stats().outcomes().dropped()).isZero();
        assertThat(ledger.totals().droppedBy()).isEmpty();
    }

    @Test
    void aResultAheadOfItsLateAcknowledgementCountsOnlyOnceTheAcknowledgementCame() {
        ledger.roundPlanned(0, 10, 0);
        ledger.jobPublished(0, "j0", 10, 0, S);
        assertThat(ledger.sweep(3 * S)).isEmpty();
        // the first result of a late job overtook its acknowledgement: refused, so the worker sends it again
        assertThat(ledger.onResult(delta("j0", "w1", 0, 10, 0, 0, true))).hasValueSatisfying(r ->
                assertThat(r.reason()).isEqualTo(MessageRefusal.NOT_ACKNOWLEDGED));
        assertThat(ledger.sweep(3 * S)).isEmpty();
        assertThat(ledger.onAck(ack("j0", "w1"))).isEmpty();
        assertThat(ledger.onResult(delta("j0", "w1", 0, 10, 0, 0, true))).isEmpty();
        CompletedRound t = ledger.sweep(3 * S).get(0);
        assertThat(t.stats().outcomes().ok()).isEqualTo(10);
        assertAddsUp(t);
    }

    @Test
    void aJobThatReachedItsWorkerAfterItsDeadlineIsDroppedAsExpiredNotAsUnacknowledged() {
        ledger.roundPlanned(0, 10, 0);
        ledger.jobPublished(0, "j0", 10, 0, S);
        assertThat(ledger.sweep(4 * S)).isEmpty();
        // delivered after its deadline by a broker that froze longer than the job's span and timeout
        assertThat(ledger.onRejected(new JobRejected("run", "j0", "w1", RejectReason.EXPIRED, "too late"))).isEmpty();
        CompletedRound t = ledger.sweep(4 * S).get(0);
        assertThat(t.stats().outcomes().dropped()).isEqualTo(10);
        assertThat(ledger.totals().droppedBy()).isEqualTo(Map.of(DropReason.EXPIRED, 10L));
    }

    @Test
    void aMessageSentAgainForAClosedJobIsADuplicateOfItsOwnWorkerOnly() {
        ledger.roundPlanned(0, 10, 0);
        ledger.jobPublished(0, "j0", 10, 0, S);
        assertThat(ledger.onAck(ack("j0", "w1"))).isEmpty();
        assertThat(ledger.onResult(delta("j0", "w1", 0, 10, 0, 0, true))).isEmpty();
        // the final delta again (its confirmation was lost): counted once, recognised as a duplicate
        assertThat(ledger.onResult(delta("j0", "w1", 0, 10, 0, 0, true))).hasValueSatisfying(r ->
                assertThat(r.reason()).isEqualTo(MessageRefusal.DUPLICATE));
        assertThat(ledger.onAck(ack("j0", "w1"))).hasValueSatisfying(r ->
                assertThat(r.reason()).isEqualTo(MessageRefusal.DUPLICATE));
        // from another worker it is no duplicate: an unknown job
        assertThat(ledger.onResult(delta("j0", "w2", 0, 10, 0, 0, true))).hasValueSatisfying(r ->
                assertThat(r.reason()).isEqualTo(MessageRefusal.UNKNOWN_JOB));
        assertThat(ledger.sweep(0)).singleElement().satisfies(t -> assertThat(t.stats().outcomes().ok()).isEqualTo(10));
        assertThat(ledger.totals().stats().outcomes().ok()).isEqualTo(10);
    }

    @Test
    void aJobThatCouldNotBePublishedIsDroppedNotLost() {
        ledger.roundPlanned(0, 10, 0);
        ledger.jobPlanned(0, "j0", 10, S);
        ledger.jobNotPublished("j0");
        CompletedRound t = ledger.sweep(0).get(0);
        assertThat(t.lost()).isZero();
        assertThat(t.stats().outcomes().dropped()).isEqualTo(10);
        assertAddsUp(t);
    }

    @Test
    void timeTheCoordinatorCouldNotHearCountsAgainstNoGrace() {
        ledger.roundPlanned(0, 10, 0);
        ledger.jobPublished(0, "j0", 10, 0, S);
        // 3 s of deafness (the bus was down): the deadline moves 3 s later, so the job waits until 9 s, not 6 s
        ledger.excuse(3 * S);
        assertThat(ledger.sweep(9 * S)).isEmpty();
        assertThat(ledger.onAck(ack("j0", "w1"))).isEmpty();
        assertThat(ledger.onResult(delta("j0", "w1", 0, 10, 0, 0, true))).isEmpty();
        CompletedRound t = ledger.sweep(9 * S).get(0);
        assertThat(t.lost()).isZero();
        assertThat(t.stats().outcomes().ok()).isEqualTo(10);
    }

    @Test
    void whatAGoneWorkerHadNotReportedIsLost() {
        ledger.roundPlanned(0, 20, 0);
        ledger.jobPublished(0, "j0", 10, 0, S);
        ledger.jobPublished(0, "j1", 10, 0, S);
        ledger.onAck(ack("j0", "dies"));
        ledger.onAck(ack("j1", "lives"));
        ledger.onResult(delta("j0", "dies", 0, 4, 0, 0, false));
        ledger.onResult(delta("j1", "lives", 0, 10, 0, 0, true));

        ledger.workerGone("dies");

        CompletedRound t = ledger.sweep(S).get(0);
        assertThat(t.stats().outcomes().ok()).isEqualTo(14);
        assertThat(t.lost()).isEqualTo(6);
        assertAddsUp(t);
    }

    @Test
    void aTakenJobThatNeverFinishesIsLostAfterItsDeadlinePlusGrace() {
        ledger.roundPlanned(0, 5, 0);
        ledger.jobPublished(0, "j0", 5, 0, 3 * S);
        ledger.onAck(ack("j0", "w"));
        ledger.onResult(delta("j0", "w", 0, 2, 0, 0, false));
        assertThat(ledger.sweep(8 * S)).isEmpty();             // deadline 3 s + grace 5 s: not yet
        CompletedRound t = ledger.sweep(8 * S + 1).get(0);
        assertThat(t.stats().outcomes().ok()).isEqualTo(2);
        assertThat(t.lost()).isEqualTo(3);
    }

    @Test
    void roundsCompleteInPlanningOrder() {
        ledger.roundPlanned(0, 1, 0);
        ledger.jobPublished(0, "a", 1, 0, S);
        ledger.roundPlanned(1, 1, 0);
        ledger.jobPublished(1, "b", 1, 0, S);
        ledger.onAck(ack(1, "b", "w"));
        ledger.onResult(delta(1, "b", "w", 0, 1, 0, 0, true));
        assertThat(ledger.sweep(S)).as("round 1 waits for round 0").isEmpty();
        ledger.onAck(ack("a", "w"));
        ledger.onResult(delta("a", "w", 0, 1, 0, 0, true));
        assertThat(ledger.sweep(S)).extracting(CompletedRound::round).containsExactly(0L, 1L);
    }

    @Test
    void notSentRoundsCountTheirRequestsAsDroppedAndSaySo() {
        ledger.roundNotSent(0, 50, 0, 50, DropReason.NO_LIVE_WORKER, "no live worker", false);
        CompletedRound t = ledger.sweep(0).get(0);
        assertThat(t.notSent()).isTrue();
        assertThat(t.notSentReason()).isEqualTo("no live worker");
        assertThat(t.stats().outcomes().dropped()).isEqualTo(50);
        assertAddsUp(t);
        assertThat(ledger.totals().notSentRounds()).isEqualTo(1);
    }

    @Test
    void rejectionsCountNeverSentJobsAsDroppedAndOthersAsLost() {
        ledger.roundPlanned(0, 40, 0);
        ledger.jobPublished(0, "late", 10, 0, S);
        ledger.jobPublished(0, "bad", 10, 0, S);
        ledger.jobPublished(0, "forbidden", 10, 0, S);
        ledger.jobPublished(0, "busy", 10, 0, S);
        ledger.onRejected(new JobRejected("run", "late", "w", RejectReason.EXPIRED, "too late"));
        ledger.onRejected(new JobRejected("run", "bad", "w", RejectReason.INVALID, "bad target"));
        ledger.onRejected(new JobRejected("run", "forbidden", "w", RejectReason.FORBIDDEN_TARGET, "not listed"));
        ledger.onRejected(new JobRejected("run", "busy", "w", RejectReason.OVERLOADED, "full"));
        CompletedRound t = ledger.sweep(0).get(0);
        assertThat(t.stats().outcomes().dropped()).isEqualTo(30);
        assertThat(t.lost()).isEqualTo(10);
        assertAddsUp(t);
        assertThat(ledger.refusedByWorkers()).isEqualTo(Map.of(RejectReason.EXPIRED, 10L, RejectReason.INVALID, 10L,
                RejectReason.FORBIDDEN_TARGET, 10L, RejectReason.OVERLOADED, 10L));
    }

    @Test
    void everyDroppedRequestOfTheRunHasItsReason() {
        ledger.roundPlanned(0, 60, 0);
        ledger.jobPublished(0, "run", 10, 0, S);           // acknowledged; the worker drops 3 itself
        ledger.jobPublished(0, "late", 10, 0, S);          // refused: reached its worker after its deadline
        ledger.jobPublished(0, "busy", 10, 0, S);          // refused: the worker runs its most jobs
        ledger.jobPublished(0, "unheard", 10, 0, S);       // nobody acknowledges it by its deadline + grace
        ledger.jobPlanned(0, "unpublished", 10, S);        // the bus refused it
        ledger.jobPlanned(0, "behind", 10, S);             // still unpublished past its deadline + grace
        ledger.onAck(ack("run", "w"));
        ledger.onResult(delta("run", "w", 0, 7, 0, 3, true));
        ledger.onRejected(new JobRejected("run", "late", "w", RejectReason.EXPIRED, "too late"));
        ledger.onRejected(new JobRejected("run", "busy", "w", RejectReason.OVERLOADED, "full"));
        ledger.jobNotPublished("unpublished");
        ledger.roundNotSent(1, 50, S, 50, DropReason.BROKER_UNAVAILABLE, "broker unavailable", false);
        ledger.roundNotSent(2, 40, 2 * S, 40, DropReason.NO_LIVE_WORKER, "no live worker", false);
        ledger.roundNotSent(3, 40, 3 * S, 40, DropReason.NO_LIVE_WORKER, "no live worker", true); // warm-up: not counted

        assertThat(ledger.sweep(2 * S + S / 2)).as("'unheard' and 'behind' still within their grace").isEmpty();
        assertThat(ledger.sweep(7 * S)).hasSize(4);

        assertThat(ledger.totals().droppedBy()).isEqualTo(Map.of(DropReason.NOT_SENT_ON_TIME, 3L,
                DropReason.EXPIRED, 10L, DropReason.WORKER_OVERLOADED, 10L, DropReason.NOT_ACKNOWLEDGED, 10L,
                DropReason.BROKER_UNAVAILABLE, 60L, DropReason.PUBLISHED_LATE, 10L, DropReason.NO_LIVE_WORKER, 40L));
        assertThat(ledger.totals().droppedBy().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(ledger.totals().stats().outcomes().dropped());
    }

    @Test
    void aFinalDeltaThatLeavesRequestsUnreportedCountsThemLost() {
        ledger.roundPlanned(0, 10, 0);
        ledger.jobPublished(0, "j", 10, 0, S);
        ledger.onAck(ack("j", "w"));
        ledger.onResult(delta("j", "w", 0, 7, 0, 0, true));
        CompletedRound t = ledger.sweep(0).get(0);
        assertThat(t.stats().outcomes().ok()).isEqualTo(7);
        assertThat(t.lost()).isEqualTo(3);
    }

    @Test
    void memoryStaysBoundedOverALongRun() {
        // 10,000 rounds of 5 jobs each, completed as they go: nothing accumulates but the run totals.
        for (long round = 0; round < 10_000; round++) {
            ledger.roundPlanned(round, 50, round * S);
            for (int j = 0; j < 5; j++) {
                String id = "r" + round + "-" + j;
                ledger.jobPublished(round, id, 10, round * S, round * S + S);
                ledger.onAck(ack(round, id, "w"));
                ledger.onResult(delta(round, id, "w", 0, 10, 0, 0, true));
            }
            assertThat(ledger.sweep(round * S)).hasSize(1);
            assertThat(ledger.openRounds()).isZero();
            assertThat(ledger.openJobs()).isZero();
        }
        RunTotals totals = ledger.totals();
        assertThat(totals.rounds()).isEqualTo(10_000);
        assertThat(totals.planned()).isEqualTo(500_000);
        assertThat(totals.stats().outcomes().ok()).isEqualTo(500_000);
        assertThat(totals.stats().latency().count()).isEqualTo(500_000);
    }

    @Test
    void warmUpRoundsAreReportedButKeptOutOfTheRunTotals() {
        ledger.roundPlanned(0, 5, 0, true);
        ledger.jobPublished(0, "w", 5, 0, S);
        ledger.onAck(ack("w", "x"));
        ledger.onResult(delta("w", "x", 0, 5, 0, 0, true));
        ledger.roundPlanned(1, 10, 0);
        ledger.jobPublished(1, "m", 10, 0, S);
        ledger.onAck(ack(1, "m", "x"));
        ledger.onResult(delta(1, "m", "x", 0, 10, 0, 0, true));

        List<CompletedRound> done = ledger.sweep(0);

        assertThat(done).extracting(CompletedRound::warmup).containsExactly(true, false);
        assertThat(ledger.totals().rounds()).isEqualTo(1);
        assertThat(ledger.totals().planned()).isEqualTo(10);
        assertThat(ledger.totals().stats().outcomes().ok()).isEqualTo(10);
        assertThat(ledger.counts()).isEqualTo(new RunCounts(new OutcomeCounts(10, 0, 0, 0, 0, 0, 0), 0));
        assertThat(ledger.counts().planned()).isEqualTo(10);
    }
}
