package dev.imager.protocol.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Queue;
import org.junit.jupiter.api.Test;

class BoundedHandOffTest {

    @Test
    void refusesTasksBeyondTheBoundUntilTheControlThreadCatchesUp() {
        Queue<Runnable> controlThread = new ArrayDeque<>();
        BoundedHandOff handOff = new BoundedHandOff(controlThread::add, 3);
        int[] ran = {0};

        assertThat(handOff.offer(() -> ran[0]++)).isTrue();
        assertThat(handOff.offer(() -> ran[0]++)).isTrue();
        assertThat(handOff.offer(() -> ran[0]++)).isTrue();
        assertThat(handOff.offer(() -> ran[0]++)).as("a fourth waiting task").isFalse();
        assertThat(controlThread).hasSize(3);

        controlThread.poll().run();
        assertThat(handOff.pending()).isEqualTo(2);
        assertThat(handOff.offer(() -> ran[0]++)).as("room again after one ran").isTrue();
        controlThread.forEach(Runnable::run);
        assertThat(ran[0]).isEqualTo(4);
        assertThat(handOff.pending()).isZero();
    }

    @Test
    void aStoppedExecutorRefusesWithoutLeakingItsSlot() {
        BoundedHandOff handOff = new BoundedHandOff(task -> {
            throw new java.util.concurrent.RejectedExecutionException("stopped");
        }, 1);
        assertThat(handOff.offer(() -> { })).isFalse();
        assertThat(handOff.pending()).isZero();
    }
}
