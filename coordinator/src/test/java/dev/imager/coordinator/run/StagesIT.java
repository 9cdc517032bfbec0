package dev.imager.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.ledger.CompletedRound;
import dev.imager.coordinator.testing.LocalSumRun;
import dev.imager.coordinator.testing.RecordingListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code stages} calculator end to end in local mode over the in-memory bus, against sumservice on loopback:
 * each round holds exactly the shape's integral over it, the run ends with the shape (or sooner, with
 * {@code --duration}), and every planned request is answered, counted by the target itself.
 */
class StagesIT {

    private static LocalSumRun target;

    @BeforeAll
    static void start() throws Exception {
        target = LocalSumRun.start();
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    private record Observed(FinishedRun finished, List<CompletedRound> rounds, List<String> stages) {
    }

    private static Observed run(String... load) {
        List<String> stages = new CopyOnWriteArrayList<>();
        RecordingListener listener = new RecordingListener((round, status) -> stages.add(status.stage()));
        FinishedRun finished = target.run(listener, load);
        return new Observed(finished, List.copyOf(listener.rounds), List.copyOf(stages));
    }

    @Test
    void theRunFollowsTheShapeToItsEndAndEveryRequestIsAnswered() {
        long before = target.answered();

        // a jump to 20 held 1 s, 2 s up to 60, 1 s down to nothing: 20 + (30 + 50) + 30 requests
        Observed o = run("--stages", "0s:20,1s:20,2s:60,1s:0");

        assertThat(o.finished().endReason()).isEqualTo("load shape ended");
        assertThat(o.rounds()).extracting(CompletedRound::planned).containsExactly(20L, 30L, 50L, 30L);
        assertThat(o.rounds()).extracting(CompletedRound::rate).containsExactly(20.0, 30.0, 50.0, 30.0);
        assertThat(o.finished().totals().planned()).isEqualTo(130);
        assertThat(o.finished().totals().stats().outcomes().ok()).as("%s", o.finished().totals()).isEqualTo(130);
        assertThat(o.finished().totals().lost()).isZero();
        assertThat(target.answered() - before).isEqualTo(130);
        // the status said where the shape stood (a round completes after later ones are planned)
        assertThat(o.stages()).isNotEmpty().allSatisfy(s -> assertThat(s).matches("stage [234]/4"));
    }

    @Test
    void durationEndsTheShapeSooner() {
        long before = target.answered();

        Observed o = run("-load-calculator", "stages", "--stages", "0s:30,1m:30", "--duration", "2s");

        assertThat(o.finished().endReason()).isEqualTo("duration reached");
        assertThat(o.rounds()).extracting(CompletedRound::planned).containsExactly(30L, 30L);
        assertThat(o.finished().totals().stats().outcomes().ok()).as("%s", o.finished().totals()).isEqualTo(60);
        assertThat(target.answered() - before).isEqualTo(60);
    }

    @Test
    void aPresetRunsRescaledByMaxRps() {
        long before = target.answered();

        // burst at a peak of 40 starts with a jump to its 10% base, 4 rps; --duration keeps two rounds of it
        Observed o = run("--preset", "burst", "-max-rps", "40", "--duration", "2s");

        assertThat(o.finished().endReason()).isEqualTo("duration reached");
        assertThat(o.rounds()).extracting(CompletedRound::planned).containsExactly(4L, 4L);
        assertThat(o.finished().totals().stats().outcomes().ok()).as("%s", o.finished().totals()).isEqualTo(8);
        assertThat(target.answered() - before).isEqualTo(8);
    }
}
