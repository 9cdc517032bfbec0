package dev.imager.coordinator.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.imager.coordinator.report.ReportSettings;
import dev.imager.coordinator.report.RunReport;
import dev.imager.coordinator.testing.GoldenFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Comparing two reports: values, changes, what is beyond noise and in which direction. */
class RunComparisonTest {

    /** p50 9 and 11 ms in turn. */
    private static final RunReport BASE = Runs.steady("run-base", 10, 100, n -> 10 + (n % 2 == 0 ? -1 : 1), 1);

    @Test
    void aRunAgainstItselfChangesNothing() {
        RunComparison c = RunComparison.of("a.json", BASE, "a.json", BASE);
        assertThat(c.metrics()).hasSize(CompareMetric.values().length);
        assertThat(c.metrics()).allSatisfy(row -> {
            if (row.delta() != null) {
                assertThat(row.delta()).as(row.metric()).isZero();
            }
            assertThat(row.beyondNoise()).as(row.metric()).isNotEqualTo(Boolean.TRUE);
            assertThat(row.direction()).isEmpty();
        });
        assertThat(c.settingDifferences()).isEmpty();
    }

    @Test
    void aSlowerRunIsWorseBeyondNoiseAndTheRestStaysWithinIt() {
        RunReport slower = Runs.steady("run-slow", 10, 100, n -> 15 + (n % 2 == 0 ? -1 : 1), 1);
        RunComparison c = RunComparison.of("a", BASE, "b", slower);

        MetricChange p50 = c.change(CompareMetric.P50);
        assertThat(p50.a()).isEqualTo(10.0, within(1e-9));
        assertThat(p50.b()).isEqualTo(15.0, within(1e-9));
        assertThat(p50.relative()).isCloseTo(0.5, within(1e-9));
        // per-round values 9, 11, 9, ...: variance 10/9 in both, bound 2 * sqrt(2 * (10/9) / 10)
        assertThat(p50.noise()).isCloseTo(2 * Math.sqrt(2.0 / 9), within(1e-9));
        assertThat(p50.beyondNoise()).isTrue();
        assertThat(p50.direction()).isEqualTo("worse");
        assertThat(c.change(CompareMetric.SERVICE_P50).direction()).isEqualTo("worse");
        // the rates did not move, and errors stayed at 1 %: nothing marked there
        assertThat(c.change(CompareMetric.ACHIEVED_RATE).delta()).isZero();
        assertThat(c.change(CompareMetric.ERROR_RATE).beyondNoise()).isFalse();
        // max has no bound: shown, never marked
        assertThat(c.change(CompareMetric.MAX).beyondNoise()).isNull();
        assertThat(c.change(CompareMetric.MAX).noiseNote()).contains("extreme value");
    }

    @Test
    void moreErrorsAreWorseByTheTwoProportionTestAndFewerAreBetter() {
        RunReport failing = Runs.steady("run-failing", 10, 100, n -> 10 + (n % 2 == 0 ? -1 : 1), 6);
        MetricChange errors = RunComparison.of("a", BASE, "b", failing).change(CompareMetric.ERROR_RATE);
        assertThat(errors.a()).isEqualTo(0.01);
        assertThat(errors.b()).isEqualTo(0.06);
        assertThat(errors.noiseNote()).contains("two-proportion test on 1000 and 1000 requests");
        assertThat(errors.beyondNoise()).isTrue();
        assertThat(errors.direction()).isEqualTo("worse");
        assertThat(RunComparison.of("a", failing, "b", BASE).change(CompareMetric.ERROR_RATE).direction())
                .isEqualTo("better");
    }

    @Test
    void tooFewRoundsLeaveTheBoundUnknownAndMissingDataSaysWhere() {
        RunReport shortRun = Runs.steady("run-short", 2, 100, n -> 20, 0);
        RunComparison c = RunComparison.of("a", BASE, "b", shortRun);
        assertThat(c.change(CompareMetric.P99).noise()).isNull();
        assertThat(c.change(CompareMetric.P99).beyondNoise()).isNull();
        assertThat(c.change(CompareMetric.P99).noiseNote()).isEqualTo("fewer than 3 measured rounds");
        // no adaptive search in either: no capacity to compare
        assertThat(c.change(CompareMetric.CAPACITY).delta()).isNull();
        assertThat(c.change(CompareMetric.CAPACITY).noiseNote()).isEqualTo("no adaptive search in A");
    }

    @Test
    void capacitiesAndSettingsAreCompared() {
        RunReport a = Runs.withCapacity(BASE, 200, 210);
        RunReport b = Runs.withCapacity(Runs.steady("run-b", 10, 100, n -> 10, 1), 160, 170);
        RunComparison c = RunComparison.of("a", a, "b", b);
        MetricChange capacity = c.change(CompareMetric.CAPACITY);
        assertThat(capacity.relative()).isCloseTo(-0.2, within(1e-9));
        assertThat(capacity.beyondNoise()).isTrue();
        assertThat(capacity.direction()).isEqualTo("worse");
        assertThat(capacity.noiseNote()).isEqualTo("search brackets: A in [200, 210), B in [160, 170)");

        assertThat(RunComparison.of("a", BASE, "b", a).settingDifferences())
                .containsExactly("load calculator: step vs adaptive-exponential");
    }

    @Test
    void differentLoadShapesAreASettingThatDiffers() {
        RunReport heavy = shaped("heavy", "1m0s:1000,5m0s:1000,1m0s:0");
        RunReport scaled = shaped("heavy", "1m0s:500,5m0s:500,1m0s:0");

        assertThat(RunComparison.of("a", heavy, "b", scaled).settingDifferences()).containsExactly(
                "load shape: preset heavy: 1m0s:1000,5m0s:1000,1m0s:0 vs preset heavy: 1m0s:500,5m0s:500,1m0s:0");
        assertThat(RunComparison.of("a", heavy, "b", heavy).settingDifferences()).isEmpty();
    }

    private static RunReport shaped(String preset, String stages) {
        RunReport r = BASE;
        ReportSettings s = Runs.settings("stages");
        ReportSettings shaped = new ReportSettings(s.target(), s.targetMode(), s.loadCalculator(), s.minRps(),
                s.maxRps(), s.stepRps(), s.adaptiveMaxLatencyMs(), s.arrival(), s.roundSeconds(), s.requestTimeoutMs(),
                s.requestSource(), s.workers(), s.local(), s.httpVersion(), s.maxRedirects(), stages, preset);
        return new RunReport(r.runId(), r.coordinatorId(), r.version(), r.startedAt(), r.endedAt(), r.endReason(),
                shaped, r.totals(), r.rounds(), r.probes(), r.capacity(), r.pods(), r.thresholds());
    }

    @Test
    void theTableMatchesItsGoldenText() {
        RunReport a = Runs.withCapacity(BASE, 200, 210);
        RunReport b = Runs.withCapacity(Runs.steady("run-b", 10, 100, n -> 15 + (n % 2 == 0 ? -1 : 1), 6), 160, 170);
        RunComparison c = RunComparison.of("reports/a/report.json", a, "reports/b/report.json", b);
        List<String> tripped = List.of(FailOn.parse("p99>+10%").trips(c).orElseThrow());
        String table = ComparisonTable.format(c, tripped);
        GoldenFiles.assertMatches(getClass(), "compare-table.golden.txt", table);
        assertThat(table.split("\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(
                ComparisonTable.WIDTH));
    }
}
