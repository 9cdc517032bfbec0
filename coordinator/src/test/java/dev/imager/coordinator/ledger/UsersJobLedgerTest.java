package dev.imager.coordinator.ledger;

import static org.assertj.core.api.Assertions.assertThat;

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

/** How the ledger accounts for closed-model jobs, whose request count is their outcome, not their plan. */
class UsersJobLedgerTest {

    private static final long S = 1_000_000_000L;
    private final ResultLedger ledger = new ResultLedger("run", new LedgerTimeouts(Duration.ofSeconds(5)));

    /** A delta of {@code ok} ok requests ended, {@code written} requests written (send lags) in it. */
    private static JobResult delta(String job, int seq, long ok, long written, boolean done) {
        LatencySnapshot ended = LatencySnapshot.ofMicros(LongStream.range(0, ok).map(i -> 1_000 + i).toArray());
        LatencySnapshot lags = LatencySnapshot.ofMicros(LongStream.range(0, written).map(i -> 10 + i).toArray());
        RequestStats stats = new RequestStats(new OutcomeCounts(ok, 0, 0, 0, 0, 0, 0),
                ok > 0 ? Map.of(200, ok) : Map.of(), 0, ended, ended, lags);
        return new JobResult("run", 0, job, "w1", seq, stats, done);
    }

    private void planRoundOfOneUsersJob() {
        ledger.roundPlanned(0, 20, 100);
        ledger.usersJobPlanned(0, "u0", 2 * S);
        ledger.jobSent("u0", 0);
        assertThat(ledger.onAck(new JobAck("run", 0, "u0", "w1", 1))).isEmpty();
    }

    @Test
    void theRoundsPlanIsWhatItsUsersStarted() {
        planRoundOfOneUsersJob();
        assertThat(ledger.onResult(delta("u0", 0, 120, 125, false))).isEmpty();
        assertThat(ledger.sweep(S)).as("open until the final delta").isEmpty();
        assertThat(ledger.onResult(delta("u0", 1, 80, 75, true))).isEmpty();

        List<CompletedRound> done = ledger.sweep(S);

        assertThat(done).hasSize(1);
        assertThat(done.get(0).rate()).isEqualTo(20);
        assertThat(done.get(0).planned()).isEqualTo(200);
        assertThat(done.get(0).lost()).isZero();
        assertThat(ledger.totals().planned()).isEqualTo(200);
    }

    @Test
    void aGoneWorkerLosesWhatItReportedWrittenAndNotEnded() {
        planRoundOfOneUsersJob();
        // 50 written, 45 of them ended: 5 were in flight when the worker vanished
        assertThat(ledger.onResult(delta("u0", 0, 45, 50, false))).isEmpty();

        ledger.workerGone("w1");
        List<CompletedRound> done = ledger.sweep(S);

        assertThat(done).hasSize(1);
        assertThat(done.get(0).stats().outcomes().ok()).isEqualTo(45);
        assertThat(done.get(0).lost()).isEqualTo(5);
        assertThat(done.get(0).planned()).isEqualTo(50);
    }

    @Test
    void aUsersJobNobodyTookOrThatWasRefusedSentNothing() {
        ledger.roundPlanned(0, 10, 100);
        ledger.usersJobPlanned(0, "never-acked", 2 * S);
        ledger.usersJobPlanned(0, "refused", 2 * S);
        ledger.jobSent("never-acked", 0);
        ledger.jobSent("refused", 0);
        assertThat(ledger.onRejected(new JobRejected("run", "refused", "w2", RejectReason.OVERLOADED, "too many")))
                .isEmpty();

        // Nobody acknowledged it: open until its deadline plus the 5 s result grace (a frozen broker delivers late).
        assertThat(ledger.sweep(6 * S)).isEmpty();
        List<CompletedRound> done = ledger.sweep(8 * S);

        assertThat(done).hasSize(1);
        assertThat(done.get(0).planned()).isZero();
        assertThat(done.get(0).stats().outcomes().total()).isZero();
        assertThat(done.get(0).lost()).isZero();
        assertThat(done.get(0).jobs()).isEqualTo(2);
    }
}
