package dev.imager.sumservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The queueing logic in virtual time: exact instants, no threads, no sleeps. */
class CapacitySimulatorTest {

    private static final long MS = 1_000_000L;

    /** Records when (virtual time) and in which order requests were answered. */
    private static final class Recorder {
        final ManualScheduler scheduler;
        final List<String> served = new ArrayList<>();
        final List<Long> servedAt = new ArrayList<>();
        final List<String> rejected = new ArrayList<>();

        Recorder(ManualScheduler scheduler) {
            this.scheduler = scheduler;
        }

        CapacitySimulator.Callback request(String name) {
            return new CapacitySimulator.Callback() {
                @Override
                public void served() {
                    served.add(name);
                    servedAt.add(scheduler.nanoTime());
                }

                @Override
                public void rejected() {
                    rejected.add(name);
                }
            };
        }
    }

    @Test
    void rejectsNonPositiveSettings() {
        assertThatThrownBy(() -> new CapacitySimulator(0, MS, 1, new ManualScheduler(0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CapacitySimulator(1, 0, 1, new ManualScheduler(0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CapacitySimulator(1, MS, 0, new ManualScheduler(0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void belowConcurrencyEachRequestTakesExactlyTheServiceTime() {
        ManualScheduler clock = new ManualScheduler(0);
        Recorder r = new Recorder(clock);
        CapacitySimulator sim = new CapacitySimulator(2, 20 * MS, 10, clock);

        sim.submit(r.request("a"));
        clock.advanceTo(5 * MS);
        sim.submit(r.request("b"));
        assertThat(sim.inflight()).isEqualTo(2);
        assertThat(sim.queueDepth()).isZero();

        clock.advanceTo(20 * MS - 1);
        assertThat(r.served).as("not a nanosecond early").isEmpty();
        clock.advanceTo(25 * MS);
        assertThat(r.served).containsExactly("a", "b");
        assertThat(r.servedAt).containsExactly(20 * MS, 25 * MS);
        assertThat(sim.inflight()).isZero();
    }

    @Test
    void requestsBeyondConcurrencyWaitInFifoOrder() {
        ManualScheduler clock = new ManualScheduler(0);
        Recorder r = new Recorder(clock);
        CapacitySimulator sim = new CapacitySimulator(2, 20 * MS, 10, clock);

        for (String name : List.of("1", "2", "3", "4", "5")) {
            sim.submit(r.request(name));
        }
        // Two in service, three waiting.
        assertThat(sim.inflight()).isEqualTo(2);
        assertThat(sim.queueDepth()).isEqualTo(3);

        clock.advanceTo(20 * MS);
        assertThat(r.served).containsExactly("1", "2");
        assertThat(sim.inflight()).isEqualTo(2);
        assertThat(sim.queueDepth()).isEqualTo(1);

        clock.advanceTo(100 * MS);
        assertThat(r.served).containsExactly("1", "2", "3", "4", "5");
        assertThat(r.servedAt).containsExactly(20 * MS, 20 * MS, 40 * MS, 40 * MS, 60 * MS);
        assertThat(sim.inflight()).isZero();
        assertThat(sim.queueDepth()).isZero();
        assertThat(clock.pendingTimers()).isZero();
    }

    @Test
    void saturatedThroughputIsExactlyTheCapacityEvenWhenTimersFireLate() {
        // Every timer fires 1.5 ms late; a naive "start the next one when the timer fires" would serve
        // 4 per 21.5 ms (186 rps). Drift-free slots serve 4 per 20 ms: 200 rps.
        ManualScheduler clock = new ManualScheduler(1_500_000);
        Recorder r = new Recorder(clock);
        CapacitySimulator sim = new CapacitySimulator(4, 20 * MS, 10_000, clock);
        for (int i = 0; i < 2_000; i++) {
            sim.submit(r.request("r" + i));
        }

        clock.advanceTo(5_000 * MS + 1_500_000);
        assertThat(r.served).hasSize(1_000); // 5 s at exactly 200 rps
        assertThat(sim.inflight()).isEqualTo(4);
        assertThat(sim.queueDepth()).isEqualTo(996);
    }

    @Test
    void latencyGrowsLinearlyAboveCapacity() {
        // Offered 400 rps (one request every 2.5 ms) into 200 rps of capacity for one second. The first four
        // start on arrival (0, 2.5, 5, 7.5 ms) and each slot then works back to back, so request i completes
        // at (i mod 4) * 2.5 + (i div 4 + 1) * 20 ms: the last, sent at 997.5 ms, completes at 2007.5 ms.
        ManualScheduler clock = new ManualScheduler(0);
        List<Long> latency = new ArrayList<>();
        CapacitySimulator sim = new CapacitySimulator(4, 20 * MS, 10_000, clock);
        for (int i = 0; i < 400; i++) {
            long sentAt = i * 2_500_000L;
            clock.advanceTo(sentAt);
            sim.submit(new CapacitySimulator.Callback() {
                @Override
                public void served() {
                    latency.add(clock.nanoTime() - sentAt);
                }

                @Override
                public void rejected() {
                    throw new AssertionError("queue is large enough");
                }
            });
        }
        clock.advanceTo(10_000 * MS);

        assertThat(latency).hasSize(400);
        assertThat(latency.get(0)).isEqualTo(20 * MS);
        assertThat(latency.get(399)).isEqualTo(2_007_500_000L - 997_500_000L);
        for (int i = 40; i < 400; i += 40) {
            assertThat(latency.get(i)).as("later requests wait longer").isGreaterThan(latency.get(i - 40));
        }
    }

    @Test
    void aRequestArrivingAtAnIdleServerStartsAtItsArrival() {
        ManualScheduler clock = new ManualScheduler(0);
        Recorder r = new Recorder(clock);
        CapacitySimulator sim = new CapacitySimulator(1, 20 * MS, 10, clock);
        sim.submit(r.request("early"));
        clock.advanceTo(50 * MS);
        sim.submit(r.request("late"));
        clock.advanceTo(200 * MS);
        assertThat(r.servedAt).containsExactly(20 * MS, 70 * MS);
    }

    @Test
    void aRequestArrivingBetweenDueTimeAndLateTimerStartsAtItsArrival() {
        // Timers fire 5 ms late. "a" is due at 20 but completes at 25; "b" arrived at 22, after the slot was
        // (ideally) free, so it starts at 22, is due at 42 and fires at 47.
        ManualScheduler clock = new ManualScheduler(5 * MS);
        Recorder r = new Recorder(clock);
        CapacitySimulator sim = new CapacitySimulator(1, 20 * MS, 10, clock);
        sim.submit(r.request("a"));
        clock.advanceTo(22 * MS);
        sim.submit(r.request("b"));
        assertThat(sim.queueDepth()).isEqualTo(1);
        clock.advanceTo(100 * MS);
        assertThat(r.servedAt).containsExactly(25 * MS, 47 * MS);
    }

    @Test
    void requestsBeyondTheQueueBoundAreRejectedAtOnce() {
        ManualScheduler clock = new ManualScheduler(0);
        Recorder r = new Recorder(clock);
        CapacitySimulator sim = new CapacitySimulator(1, 20 * MS, 2, clock);
        for (String name : List.of("served", "queued1", "queued2", "refused1", "refused2")) {
            sim.submit(r.request(name));
        }
        assertThat(r.rejected).containsExactly("refused1", "refused2");
        assertThat(sim.queueDepth()).isEqualTo(2);

        clock.advanceTo(20 * MS);
        sim.submit(r.request("fits-again"));
        assertThat(r.rejected).hasSize(2);
        clock.advanceTo(1_000 * MS);
        assertThat(r.served).containsExactly("served", "queued1", "queued2", "fits-again");
    }
}
