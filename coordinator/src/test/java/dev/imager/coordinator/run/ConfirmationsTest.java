package dev.imager.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.protocol.message.ResultsConfirmed;
import dev.imager.protocol.message.ResultsConfirmed.Confirmation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfirmationsTest {

    private final Confirmations confirmations = new Confirmations("run-1", "coord-1");
    private final List<String> to = new ArrayList<>();
    private final List<ResultsConfirmed> sent = new ArrayList<>();

    private void flush() {
        confirmations.flush((worker, message) -> {
            to.add(worker);
            sent.add(message);
        });
    }

    @Test
    void oneMessagePerWorkerPerFlushWithEachJobsHighestSequenceNumber() {
        confirmations.counted("w1", "j1", ResultsConfirmed.ACK_SEQ);
        confirmations.counted("w1", "j1", 0);
        confirmations.counted("w1", "j1", 2);
        confirmations.counted("w1", "j1", 1); // a duplicate of an earlier one, confirmed again: the highest stays
        confirmations.counted("w2", "j2", ResultsConfirmed.ACK_SEQ);

        flush();

        assertThat(to).containsExactlyInAnyOrder("w1", "w2");
        assertThat(sent).allSatisfy(m -> {
            assertThat(m.runId()).isEqualTo("run-1");
            assertThat(m.coordinatorId()).isEqualTo("coord-1");
        });
        ResultsConfirmed w1 = sent.get(to.indexOf("w1"));
        assertThat(w1.workerId()).isEqualTo("w1");
        assertThat(w1.confirmed()).containsExactly(new Confirmation("j1", 2));
        assertThat(sent.get(to.indexOf("w2")).confirmed()).containsExactly(new Confirmation("j2", -1));

        // Flushed confirmations are forgotten: nothing more to send until something else is counted.
        sent.clear();
        flush();
        assertThat(sent).isEmpty();
    }

    @Test
    void aLongListIsSplitAtTheMessageBound() {
        for (int i = 0; i < ResultsConfirmed.MAX_CONFIRMATIONS + 5; i++) {
            confirmations.counted("w1", "j" + i, 0);
        }
        flush();
        assertThat(sent).extracting(m -> m.confirmed().size())
                .containsExactly(ResultsConfirmed.MAX_CONFIRMATIONS, 5);
    }
}
