package dev.imager.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imager.coordinator.ledger.CompletedRound;
import dev.imager.coordinator.ledger.RunCounts;
import dev.imager.coordinator.registry.WorkerLiveness;
import dev.imager.coordinator.status.RunStatus;
import dev.imager.protocol.latency.LatencySnapshot;
import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.message.RequestStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class RunStatusTrackerTest {

    private final RunStatusTracker tracker = new RunStatusTracker("run-1", "coord-1", Duration.ofSeconds(1),
            "rps");

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void startsWaitingForWorkersWithEveryWorkerLivenessAtZero() throws Exception {
        RunStatus s = tracker.current();

        assertThat(s.state()).isEqualTo("waiting-for-workers");
        assertThat(s.elapsedSeconds()).isZero();
        assertThat(s.round()).isEqualTo(-1);
        assertThat(s.workers()).isEqualTo(Map.of("live", 0, "draining", 0, "missing", 0, "gone", 0));
        assertThat(s.capacityRps()).isNull();
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(s));
        assertThat(fieldNames(json)).containsExactly("runId", "coordinatorId", "state", "elapsedSeconds", "round",
                "phase", "plannedRate", "achievedRate", "p50Ms", "p99Ms", "planned", "sent", "ok", "failed", "dropped",
                "lost", "workers", "capacityRps", "stage", "plannedUnit");
        assertThat(json.get("plannedUnit").asText()).isEqualTo("rps");
        assertThat(fieldNames(json.get("workers"))).containsExactlyInAnyOrder("live", "draining", "missing", "gone");
    }

    @Test
    void followsTheRunThroughPlanningCompletedRoundsAndWorkerChanges() {
        tracker.started(System.nanoTime());
        tracker.planned(3, 250, "search", "stage 2/3");
        Map<WorkerLiveness, Integer> workers = new EnumMap<>(WorkerLiveness.class);
        workers.put(WorkerLiveness.LIVE, 2);
        workers.put(WorkerLiveness.DRAINING, 0);
        workers.put(WorkerLiveness.MISSING, 1);
        workers.put(WorkerLiveness.GONE, 0);
        tracker.workers(workers);
        OutcomeCounts round = new OutcomeCounts(240, 0, 5, 0, 0, 0, 3);
        tracker.completed(new CompletedRound(2, 250, 0, 250, 2, new RequestStats(round, Map.of(200, 240L, 503, 5L), 0,
                LatencySnapshot.ofMicros(10_000, 20_000, 30_000), LatencySnapshot.empty(), LatencySnapshot.empty()), 2,
                null, false), new RunCounts(new OutcomeCounts(900, 0, 7, 0, 0, 0, 3), 5), OptionalDouble.of(240));

        RunStatus s = tracker.current();

        assertThat(s.runId()).isEqualTo("run-1");
        assertThat(s.coordinatorId()).isEqualTo("coord-1");
        assertThat(s.state()).isEqualTo("running");
        assertThat(s.elapsedSeconds()).isGreaterThanOrEqualTo(0);
        assertThat(s.round()).isEqualTo(3);
        assertThat(s.phase()).isEqualTo("search");
        assertThat(s.stage()).isEqualTo("stage 2/3");
        assertThat(s.plannedRate()).isEqualTo(250);
        assertThat(s.achievedRate()).isEqualTo(245);
        assertThat(s.p50Ms()).isBetween(19.9, 20.1);
        assertThat(s.p99Ms()).isBetween(29.9, 30.1);
        assertThat(s.planned()).isEqualTo(915);
        assertThat(s.sent()).isEqualTo(907);
        assertThat(s.ok()).isEqualTo(900);
        assertThat(s.failed()).isEqualTo(7);
        assertThat(s.dropped()).isEqualTo(3);
        assertThat(s.lost()).isEqualTo(5);
        assertThat(s.workers()).isEqualTo(Map.of("live", 2, "draining", 0, "missing", 1, "gone", 0));
        assertThat(s.liveWorkers()).isEqualTo(2);
        assertThat(s.capacityRps()).isEqualTo(240.0);

        tracker.draining();
        assertThat(tracker.current().state()).isEqualTo("draining");
        assertThat(tracker.current().round()).isEqualTo(3);
        tracker.finished();
        assertThat(tracker.current().state()).isEqualTo("finished");
        assertThat(tracker.current().ok()).isEqualTo(900);
    }
}
