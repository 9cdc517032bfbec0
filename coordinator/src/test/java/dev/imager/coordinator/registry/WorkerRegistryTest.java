package dev.imager.coordinator.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.protocol.message.Heartbeat;
import dev.imager.protocol.message.WorkerState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerRegistryTest {

    private static final long MS = 1_000_000L;
    private final WorkerRegistry registry = new WorkerRegistry(LivenessThresholds.DEFAULT);

    private static Heartbeat beat(String id, WorkerState state) {
        return new Heartbeat(id, "host", "test", state, 0, 0, 0, 0.1, 100, 1_000, 0);
    }

    @Test
    void statusLabelsAreTheLowerCaseNames() {
        assertThat(WorkerLiveness.values()).extracting(WorkerLiveness::label)
                .containsExactly("live", "draining", "missing", "gone");
    }

    @Test
    void theFirstBeatRegistersAndLaterBeatsChangeNothing() {
        assertThat(registry.onHeartbeat(beat("a", WorkerState.READY), 0)).isEqualTo(new WorkerEvent("a", null, WorkerLiveness.LIVE));
        assertThat(registry.onHeartbeat(beat("a", WorkerState.BUSY), 1_000 * MS)).isNull();
        assertThat(registry.live()).extracting(WorkerEntry::workerId).containsExactly("a");
    }

    @Test
    void silenceMakesAWorkerMissingThenGoneThenForgotten() {
        registry.onHeartbeat(beat("a", WorkerState.READY), 0);
        // at (seconds of silence, 1 s interval) -> expected events
        assertThat(registry.sweep(3_000 * MS)).isEmpty();                                          // 3 beats: not yet
        assertThat(registry.sweep(3_001 * MS)).containsExactly(new WorkerEvent("a", WorkerLiveness.LIVE, WorkerLiveness.MISSING));
        assertThat(registry.liveCount()).isZero();                                                // missing takes no jobs
        assertThat(registry.sweep(5_000 * MS)).isEmpty();                                         // still missing
        assertThat(registry.sweep(10_001 * MS)).containsExactly(new WorkerEvent("a", WorkerLiveness.MISSING, WorkerLiveness.GONE));
        assertThat(registry.sweep(20_000 * MS)).isEmpty();                                        // gone stays gone
        assertThat(registry.sweep(300_001 * MS)).containsExactly(new WorkerEvent("a", WorkerLiveness.GONE, null));
        assertThat(registry.all()).isEmpty();
    }

    @Test
    void aReturningBeatRevivesAMissingOrGoneWorker() {
        registry.onHeartbeat(beat("a", WorkerState.READY), 0);
        registry.sweep(11_000 * MS);
        assertThat(registry.get("a").liveness()).isEqualTo(WorkerLiveness.GONE);
        assertThat(registry.onHeartbeat(beat("a", WorkerState.READY), 11_500 * MS))
                .isEqualTo(new WorkerEvent("a", WorkerLiveness.GONE, WorkerLiveness.LIVE));
        assertThat(registry.liveCount()).isEqualTo(1);
    }

    @Test
    void drainingWorkersAreKnownButTakeNoJobs() {
        registry.onHeartbeat(beat("a", WorkerState.READY), 0);
        registry.onHeartbeat(beat("b", WorkerState.READY), 0);
        assertThat(registry.onHeartbeat(beat("b", WorkerState.DRAINING), 500 * MS))
                .isEqualTo(new WorkerEvent("b", WorkerLiveness.LIVE, WorkerLiveness.DRAINING));
        assertThat(registry.live()).extracting(WorkerEntry::workerId).containsExactly("a");
        assertThat(registry.countByLiveness()).isEqualTo(Map.of(WorkerLiveness.LIVE, 1, WorkerLiveness.DRAINING, 1,
                WorkerLiveness.MISSING, 0, WorkerLiveness.GONE, 0));
    }

    @Test
    void thresholdsFollowEachWorkersOwnInterval() {
        Heartbeat slow = new Heartbeat("slow", "h", "t", WorkerState.READY, 0, 0, 0, -1, 1, 5_000, 0);
        registry.onHeartbeat(slow, 0);
        registry.onHeartbeat(beat("fast", WorkerState.READY), 0);
        List<WorkerEvent> events = registry.sweep(4_000 * MS);
        // 4 s is 4 silent beats for the 1 s worker but less than one for the 5 s worker.
        assertThat(events).containsExactly(new WorkerEvent("fast", WorkerLiveness.LIVE, WorkerLiveness.MISSING));
    }

    @Test
    void aLaterBeatCannotShortenTheIntervalAWorkerIsJudgedBy() {
        registry.onHeartbeat(beat("a", WorkerState.READY), 0);
        // A forged beat under a's id declaring 1 ms: a is still judged by its own 1 s interval.
        registry.onHeartbeat(new Heartbeat("a", "h", "t", WorkerState.READY, 0, 0, 0, -1, 1, 1, 0), 100 * MS);
        assertThat(registry.sweep(2_000 * MS)).isEmpty();
        assertThat(registry.get("a").intervalMillis()).isEqualTo(1_000);
        // A new worker declaring 1 ms is judged by the shortest interval coordinators go by.
        registry.onHeartbeat(new Heartbeat("tiny", "h", "t", WorkerState.READY, 0, 0, 0, -1, 1, 1, 0), 0);
        assertThat(registry.get("tiny").intervalMillis()).isEqualTo(Heartbeat.MIN_INTERVAL_MILLIS);
    }

    @Test
    void isBoundedAndCutsFreeText() {
        WorkerRegistry small = new WorkerRegistry(LivenessThresholds.DEFAULT, 2);
        small.onHeartbeat(beat("a", WorkerState.READY), 0);
        small.onHeartbeat(new Heartbeat("b", "h".repeat(1_000), "v".repeat(1_000), WorkerState.READY, 0, 0, 0, -1, 1,
                1_000, 0), 0);
        assertThat(small.get("b").lastBeat().host()).hasSize(WorkerRegistry.MAX_HOST_CHARS);
        assertThat(small.get("b").lastBeat().version()).hasSize(WorkerRegistry.MAX_VERSION_CHARS);
        assertThat(small.hasRoomFor("c")).isFalse();
        assertThat(small.hasRoomFor("a")).as("known workers always").isTrue();
        // A GONE worker makes room.
        small.onHeartbeat(beat("a", WorkerState.READY), 9_000 * MS);
        small.sweep(10_001 * MS);
        assertThat(small.get("b").liveness()).isEqualTo(WorkerLiveness.GONE);
        assertThat(small.hasRoomFor("c")).isTrue();
        assertThat(small.get("b")).isNull();
    }

    @Test
    void roundsAreSplitForTheWorkersThatTakeJobsNotForThoseThatOnlyBeat() {
        registry.onHeartbeat(beat("a", WorkerState.READY), 0);
        registry.onHeartbeat(beat("b", WorkerState.READY), 0);
        // Before any job was taken: every live worker.
        assertThat(registry.splitCount(0, 10_000 * MS)).isEqualTo(2);
        registry.onJobTaken("a", 100 * MS);
        registry.onJobTaken("b", 100 * MS);
        for (int i = 0; i < 50; i++) {
            registry.onHeartbeat(beat("phantom-" + i, WorkerState.READY), 200 * MS);
        }
        assertThat(registry.liveCount()).isEqualTo(52);
        assertThat(registry.splitCount(300 * MS, 10_000 * MS)).isEqualTo(2);
        // A worker that took no job within the window no longer counts (but the split never drops to zero).
        registry.onHeartbeat(beat("a", WorkerState.READY), 10_000 * MS);
        registry.onHeartbeat(beat("b", WorkerState.READY), 10_000 * MS);
        registry.onJobTaken("a", 10_000 * MS);
        assertThat(registry.splitCount(10_500 * MS, 10_000 * MS)).isEqualTo(1);
    }
}
