package dev.imager.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imager.protocol.cpu.CpuPinning;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

/** Where {@link LoopPinning#plan} puts the loops, and when it declines. */
class LoopPinningTest {

    private static BitSet cpus(int... numbers) {
        BitSet set = new BitSet();
        for (int n : numbers) {
            set.set(n);
        }
        return set;
    }

    @Test
    void loopsTakeTheLastCpusAndEveryOtherThreadTheRest() {
        LoopPinning.Plan plan = LoopPinning.plan(CpuPinning.AUTO, cpus(0, 1, 2, 3), 4, 3);
        assertThat(plan.skipped()).isNull();
        assertThat(plan.loopCpus()).containsExactly(1, 2, 3);
        assertThat(plan.others()).isEqualTo(cpus(0));
    }

    @Test
    void aCpuSetWithGapsIsFollowed() {
        // taskset -c 2,5,7: the loop on 7, the others on 2 and 5
        LoopPinning.Plan plan = LoopPinning.plan(CpuPinning.AUTO, cpus(2, 5, 7), 3, 1);
        assertThat(plan.loopCpus()).containsExactly(7);
        assertThat(plan.others()).isEqualTo(cpus(2, 5));
    }

    @Test
    void autoDeclinesUnderACpuQuota() {
        // A container with a 2-CPU quota on a 16-CPU node: its threads may run on all 16, pinning would tie the loop
        // to one CPU other pods use too.
        LoopPinning.Plan plan = LoopPinning.plan(CpuPinning.AUTO, cpus(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
                14, 15), 2, 1);
        assertThat(plan.loopCpus()).isEmpty();
        assertThat(plan.skipped()).contains("may run on 16 CPUs but is allotted 2");
        // on pins all the same
        assertThat(LoopPinning.plan(CpuPinning.ON, cpus(0, 1, 2, 3), 2, 1).loopCpus()).containsExactly(3);
    }

    @Test
    void noCpuLeftForTheOtherThreads() {
        LoopPinning.Plan plan = LoopPinning.plan(CpuPinning.AUTO, cpus(0, 1), 2, 2);
        assertThat(plan.loopCpus()).isEmpty();
        assertThat(plan.skipped()).isEqualTo("2 event loop(s) on 2 CPU(s) leave none for the other threads");
        assertThatThrownBy(() -> LoopPinning.plan(CpuPinning.ON, cpus(0), 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--cpu-pinning on: 1 event loop(s) on 1 CPU(s) leave none for the other threads (use "
                        + "fewer --event-loops)");
    }

    @Test
    void offNeverPins() {
        assertThat(LoopPinning.plan(CpuPinning.OFF, cpus(0, 1, 2, 3), 4, 1).loopCpus()).isEmpty();
    }
}
