package dev.imager.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imager.coordinator.config.CoordinatorConfig;
import dev.imager.coordinator.ledger.CompletedRound;
import dev.imager.coordinator.load.AdaptiveProbe;
import dev.imager.coordinator.status.RunStatus;
import dev.imager.coordinator.target.PodMetricsSample;
import dev.imager.coordinator.target.PodUsage;
import dev.imager.coordinator.testing.Configs;
import dev.imager.protocol.message.Outcome;
import dev.imager.protocol.message.RequestStatsRecorder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live view's report: the same numbers as the final report, bounded whatever the run's length. */
class LiveReportTest {

    private static final long START = Instant.parse("2026-11-25T10:00:00Z").getEpochSecond() * 1_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final CoordinatorConfig CONFIG = Configs.parse("--local-workers", "1", "-target-mode", "url",
            "-target-url", "http://127.0.0.1:1", "--warmup", "2s");
    private static final RunStatus STATUS = new RunStatus("run-1", "coord-1", "running", 0, 5, "profile", 10, 10,
            1.5, 3.5, 0, 0, 0, 0, 0, 0, Map.of("live", 1, "draining", 0, "missing", 0, "gone", 0), 250.0,
            "", "rps");

    private final LiveReport live = new LiveReport(CONFIG, "0.1.0", () -> STATUS);

    /** Round {@code n} at {@code planned} requests: all ok at {@code latencyMicros}, except {@code lost}. */
    private static CompletedRound round(long n, long planned, long lost, long latencyMicros, boolean warmup) {
        RequestStatsRecorder r = new RequestStatsRecorder();
        r.count(Outcome.OK, planned - lost);
        for (long i = 0; i < planned - lost; i++) {
            r.latencyMicros(latencyMicros);
            r.serviceTimeMicros(latencyMicros / 2);
            r.status(200);
        }
        return new CompletedRound(n, planned, START + n * SECOND, planned, 1, r.snapshot(), lost, null, warmup);
    }

    @Test
    void totalsAreTheMeasuredRoundsAndRowsKeepWarmUpAsTheReportDoes() throws Exception {
        live.onRound(round(0, 5, 0, 100_000, true), STATUS);
        live.onRound(round(1, 5, 0, 100_000, true), STATUS);
        live.onRound(round(2, 10, 1, 2_000, false), STATUS);
        live.onRound(round(3, 20, 0, 4_000, false), STATUS);

        LiveSnapshot s = live.snapshot(-1);
        assertThat(s.rounds()).extracting(RoundRow::round).containsExactly(0L, 1L, 2L, 3L);
        assertThat(s.rounds()).extracting(RoundRow::t).containsExactly(0.0, 1.0, 2.0, 3.0);
        assertThat(s.rounds()).extracting(RoundRow::warmup).containsExactly(true, true, false, false);
        ReportTotals t = s.totals();
        // warm-up rounds are not in the totals, as in the final report
        assertThat(List.of(t.rounds(), t.planned(), t.ok(), t.lost())).containsExactly(2L, 30L, 29L, 1L);
        assertThat(t.durationSeconds()).isEqualTo(2.0);
        assertThat(t.latencyMs().count()).isEqualTo(29);
        assertThat(t.latencyMs().max()).isBetween(3.99, 4.01);
        assertThat(s.startedAt()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(s.status()).isEqualTo(STATUS);
        assertThat(s.endReason()).isEqualTo("running");
        assertThat(s.capacity().rps()).isEqualTo(250.0);
        assertThat(s.settings().workers()).isEqualTo(1);
        assertThat(s.firstRound()).isZero();
        assertThat(s.more()).isFalse();

        // the page asks for what it does not have yet
        assertThat(live.snapshot(2).rounds()).extracting(RoundRow::round).containsExactly(3L);
        assertThat(live.snapshot(3).rounds()).isEmpty();

        // the JSON reads as report.json does (the page draws it with the report's script)
        JsonNode json = new ObjectMapper().readTree(s.toJson());
        assertThat(json.get("startedAt").asText()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(json.get("totals").get("planned").asLong()).isEqualTo(30);
        assertThat(json.get("status").get("capacityRps").asDouble()).isEqualTo(250.0);
        assertThat(json.get("rounds").get(2).get("latencyMs").get("count").asLong()).isEqualTo(9);
    }

    @Test
    void beforeTheFirstRoundThereIsNoStartAndNothingToDraw() throws Exception {
        LiveSnapshot s = live.snapshot(-1);
        assertThat(s.startedAt()).isNull();
        assertThat(s.rounds()).isEmpty();
        assertThat(s.firstRound()).isEqualTo(-1);
        assertThat(s.totals().planned()).isZero();
        assertThat(new ObjectMapper().readTree(s.toJson()).get("startedAt").isNull()).isTrue();
    }

    @Test
    void keepsTheLastRoundsProbesAndPodSamplesAndServesRoundsInBoundedPieces() {
        int rounds = LiveReport.MAX_ROUNDS + 250;
        for (long n = 0; n < rounds; n++) {
            live.onRound(round(n, 2, 0, 1_000, false), STATUS);
        }
        for (long n = 0; n < LiveReport.MAX_PROBES + 10; n++) {
            live.onProbe(new AdaptiveProbe(n, 2, 1_000, 0, 0, AdaptiveProbe.Verdict.PASS, "", "ramp"), n);
        }
        for (int i = 0; i < LiveReport.MAX_POD_POINTS + 5; i++) {
            List<PodUsage> pods = new ArrayList<>();
            for (int p = 0; p < LiveReport.MAX_PODS + 3; p++) {
                pods.add(new PodUsage("ns", "pod-" + p, 100 + i, 1_000_000));
            }
            live.onPodMetrics(new PodMetricsSample(Instant.parse("2026-11-25T10:00:00Z").plusSeconds(i), pods));
        }

        LiveSnapshot first = live.snapshot(-1);
        assertThat(first.firstRound()).isEqualTo(250);
        assertThat(first.rounds()).hasSize(LiveReport.MAX_ROUNDS_PER_SNAPSHOT);
        assertThat(first.rounds().get(0).round()).isEqualTo(250);
        assertThat(first.more()).isTrue();
        // the totals still cover every round
        assertThat(first.totals().rounds()).isEqualTo(rounds);
        assertThat(first.totals().planned()).isEqualTo(2L * rounds);
        assertThat(first.probes()).hasSize(LiveReport.MAX_PROBES);
        assertThat(first.probes().get(0).round()).isEqualTo(10);
        assertThat(first.pods()).hasSize(LiveReport.MAX_PODS);
        assertThat(first.pods()).allSatisfy(p -> assertThat(p.points()).hasSize(LiveReport.MAX_POD_POINTS));
        assertThat(first.pods().get(0).points().get(0).cpuMillicores()).isEqualTo(105);

        // following the pieces reaches the end
        long after = -1;
        int pieces = 0;
        LiveSnapshot s;
        do {
            s = live.snapshot(after);
            after = s.rounds().isEmpty() ? after : s.rounds().get(s.rounds().size() - 1).round();
            pieces++;
        } while (s.more() && pieces < 100);
        assertThat(after).isEqualTo(rounds - 1);
        assertThat(pieces).isEqualTo((LiveReport.MAX_ROUNDS + LiveReport.MAX_ROUNDS_PER_SNAPSHOT - 1)
                / LiveReport.MAX_ROUNDS_PER_SNAPSHOT);
    }

    @Test
    void theDataRouteReadsOnlyAWellFormedRoundFromItsQuery() {
        // query -> round to start after
        assertThat(LivePage.afterRound("after=41")).isEqualTo(41);
        assertThat(LivePage.afterRound("x=1&after=7&y=2")).isEqualTo(7);
        assertThat(LivePage.afterRound("after=-1")).isEqualTo(-1);
        assertThat(LivePage.afterRound("after=-99")).isEqualTo(-1);
        assertThat(LivePage.afterRound("")).isEqualTo(-1);
        assertThat(LivePage.afterRound("after=")).isEqualTo(-1);
        assertThat(LivePage.afterRound("after=1e9")).isEqualTo(-1);
        assertThat(LivePage.afterRound("after=99999999999999999999999")).isEqualTo(-1);
        assertThat(LivePage.afterRound("notafter=5")).isEqualTo(-1);
    }
}
