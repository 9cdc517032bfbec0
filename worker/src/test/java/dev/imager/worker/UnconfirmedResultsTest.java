package dev.imager.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnconfirmedResultsTest {

    private static final long MS = 1_000_000L;
    private final UnconfirmedResults store = new UnconfirmedResults(100, 1_000 * MS, 60_000 * MS);

    private static byte[] bytes(int n) {
        return new byte[n];
    }

    @Test
    void whatIsNotConfirmedIsSentAgainInSequenceOrderOnceTheResendIntervalPassed() {
        store.sent("j1", "r.c1", -1, bytes(5), 0);
        store.sent("j1", "r.c1", 0, bytes(10), 100 * MS);
        store.sent("j2", "r.c1", -1, bytes(5), 200 * MS);
        // j1 last sent at 100 ms, j2 at 200 ms: nothing is due before 1 s after that
        assertThat(store.due(1_099 * MS)).isEmpty();
        assertThat(store.due(1_100 * MS)).extracting(UnconfirmedResults.Entry::seq).containsExactly(-1, 0);
        // sent again at 1.1 s: not due again until 2.1 s
        assertThat(store.due(1_200 * MS)).extracting(UnconfirmedResults.Entry::seq).containsExactly(-1);
        assertThat(store.due(1_300 * MS)).isEmpty();
    }

    @Test
    void aConfirmationForgetsTheJobsMessagesUpToItsSequenceNumber() {
        store.sent("j1", "r.c1", -1, bytes(5), 0);
        store.sent("j1", "r.c1", 0, bytes(10), 0);
        store.sent("j1", "r.c1", 1, bytes(10), 0);
        store.confirmed("j1", 0);
        assertThat(store.count()).isEqualTo(1);
        assertThat(store.bytes()).isEqualTo(10);
        assertThat(store.due(2_000 * MS)).extracting(UnconfirmedResults.Entry::seq).containsExactly(1);
        store.confirmed("j1", 1);
        store.confirmed("unknown", 5);
        assertThat(store.count()).isZero();
        assertThat(store.bytes()).isZero();
    }

    @Test
    void beyondTheByteBoundTheOldestAreGivenUp() {
        store.sent("j1", "r.c1", 0, bytes(60), 0);
        store.sent("j2", "r.c1", 0, bytes(30), 0);
        store.sent("j2", "r.c1", 1, bytes(30), 0); // 120 > 100: j1's delta goes
        assertThat(store.bytes()).isEqualTo(60);
        assertThat(store.givenUp()).isEqualTo(1);
        List<UnconfirmedResults.Entry> due = store.due(5_000 * MS);
        assertThat(due).extracting(UnconfirmedResults.Entry::seq).containsExactly(0, 1);
    }

    @Test
    void anEntryPastTheRetentionIsGivenUp() {
        store.sent("j1", "r.c1", 0, bytes(10), 0);
        assertThat(store.due(60_001 * MS)).isEmpty();
        assertThat(store.count()).isZero();
        assertThat(store.givenUp()).isEqualTo(1);
    }
}
