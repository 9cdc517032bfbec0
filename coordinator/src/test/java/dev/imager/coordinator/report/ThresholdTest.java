package dev.imager.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdTest {

    /** 1,000 planned: 940 ok, 4 4xx, 6 5xx, 10 timeouts, 20 dropped, 20 lost; p99 250 ms, service p99 40 ms. */
    private static final ReportTotals TOTALS = new ReportTotals(10, 0, 1_000, 960, 940, 4, 6, 10, 0, 0, 20, 20,
            Map.of(200, 940L), Map.of(), 0, 10, 100, 96, 20.0 / 960,
            new Percentiles(3.1, 12, 250, 900, 1_500, 8.5, 950),
            new Percentiles(2, 8, 40, 90, 300, 4, 950),
            Percentiles.NONE);

    private static final ReportTotals NOTHING_SENT = new ReportTotals(2, 2, 100, 0, 0, 0, 0, 0, 0, 0, 100, 0, Map.of(),
            Map.of(), 0, 2, 50, 0, 0, Percentiles.NONE, Percentiles.NONE, Percentiles.NONE);

    private static void parses(String expression, ThresholdMetric metric, ThresholdOperator op, String limit) {
        Threshold t = Threshold.parse(expression);
        assertThat(t.metric()).as(expression).isEqualTo(metric);
        assertThat(t.operator()).as(expression).isEqualTo(op);
        assertThat(t.limit()).as(expression).isEqualByComparingTo(new BigDecimal(limit));
    }

    @Test
    void parsesEveryMetricOperatorAndUnit() {
        // latency in ms, the common case
        parses("p99<250ms", ThresholdMetric.P99, ThresholdOperator.LESS, "250");
        // <= and a fractional limit
        parses("p50<=20.5ms", ThresholdMetric.P50, ThresholdOperator.LESS_OR_EQUAL, "20.5");
        // seconds become ms
        parses("max<2s", ThresholdMetric.MAX, ThresholdOperator.LESS, "2000");
        // p99.9, and p999 as its alias
        parses("p99.9<1s", ThresholdMetric.P999, ThresholdOperator.LESS, "1000");
        parses("p999<1s", ThresholdMetric.P999, ThresholdOperator.LESS, "1000");
        // microseconds, both spellings (and the Greek mu), become fractional ms
        parses("p90<800us", ThresholdMetric.P90, ThresholdOperator.LESS, "0.8");
        parses("p90<800µs", ThresholdMetric.P90, ThresholdOperator.LESS, "0.8");
        parses("p90<800\u03bcs", ThresholdMetric.P90, ThresholdOperator.LESS, "0.8");
        // spaces around the operator and between number and unit, upper-case names
        parses("  P99 < 250 MS ", ThresholdMetric.P99, ThresholdOperator.LESS, "250");
        // the uncorrected service time
        parses("service-p99<100ms", ThresholdMetric.SERVICE_P99, ThresholdOperator.LESS, "100");
        parses("service-p99.9<=1s", ThresholdMetric.SERVICE_P999, ThresholdOperator.LESS_OR_EQUAL, "1000");
        parses("mean<10ms", ThresholdMetric.MEAN, ThresholdOperator.LESS, "10");
        // a percentage becomes a fraction
        parses("error-rate<1%", ThresholdMetric.ERROR_RATE, ThresholdOperator.LESS, "0.01");
        parses("error-rate<=0.5%", ThresholdMetric.ERROR_RATE, ThresholdOperator.LESS_OR_EQUAL, "0.005");
        // a plain fraction stays one
        parses("error-rate<0.01", ThresholdMetric.ERROR_RATE, ThresholdOperator.LESS, "0.01");
        parses("achieved-rate>=99%", ThresholdMetric.ACHIEVED_RATE, ThresholdOperator.GREATER_OR_EQUAL, "0.99");
        parses("dropped-rate<1%", ThresholdMetric.DROPPED_RATE, ThresholdOperator.LESS, "0.01");
        parses("timeout-rate<5%", ThresholdMetric.TIMEOUT_RATE, ThresholdOperator.LESS, "0.05");
        parses("lost-rate<0.1%", ThresholdMetric.LOST_RATE, ThresholdOperator.LESS, "0.001");
        // counts
        parses("lost<1", ThresholdMetric.LOST, ThresholdOperator.LESS, "1");
        parses("requests>=1000", ThresholdMetric.REQUESTS, ThresholdOperator.GREATER_OR_EQUAL, "1000");
        parses("errors>0", ThresholdMetric.ERRORS, ThresholdOperator.GREATER, "0");
        parses("dropped<=5", ThresholdMetric.DROPPED, ThresholdOperator.LESS_OR_EQUAL, "5");
    }

    private static void rejects(String expression, String problem) {
        assertThatThrownBy(() -> Threshold.parse(expression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--threshold '" + expression.strip() + "': " + problem)
                .hasMessageEndingWith(Threshold.SYNTAX_HELP);
    }

    @Test
    void rejectsBadExpressionsWithAMessageThatPointsAtTheProblem() {
        // the brief's example: not a duration
        rejects("p99<fast", "'fast' is not a duration; write a number and a unit (us, µs, ms, s)");
        // a bare number could be ms or s: refuse to guess
        rejects("p99<250", "'250' has no unit; write p99<250ms or p99<250s");
        // unknown metric
        rejects("p98<250ms", "unknown metric 'p98'");
        // no operator at all
        rejects("p99 250ms", "no comparison; write <metric><op><limit> with op one of <, <=, >, >=");
        // operators we do not support
        rejects("p99=250ms", "unsupported operator '='; use <, <=, > or >=");
        rejects("p99==250ms", "unsupported operator '=='");
        rejects("p99<<250ms", "unsupported operator '<<'");
        rejects("p99=<250ms", "unsupported operator '=<'");
        // missing parts
        rejects("<250ms", "no metric before '<'");
        rejects("p99<", "no limit after '<'");
        assertThatThrownBy(() -> Threshold.parse("   ")).hasMessageStartingWith("--threshold '   ': empty threshold");
        // a latency unit on a rate, and a plain rate above 1
        rejects("error-rate<1ms", "'1ms' is not a rate; write a percentage (1%) or a fraction (0.01)");
        rejects("error-rate<5", "'5' is more than 1; a plain number is a fraction, so write 5% for a percentage");
        // counts are whole numbers without units
        rejects("lost<0.5", "'0.5' is not a whole number of requests");
        rejects("requests>=1k", "'1k' is not a whole number of requests");
        // negative limits
        rejects("p99<-1ms", "'-1ms' is not a duration");
    }

    @Test
    void theHelpListsEveryMetric() {
        assertThat(Threshold.SYNTAX_HELP).contains("p50", "p99.9", "service-p99", "error-rate", "achieved-rate",
                "dropped-rate", "timeout-rate", "lost-rate", "requests", "lost", "us, 250ms");
        for (ThresholdMetric m : ThresholdMetric.values()) {
            assertThat(Threshold.SYNTAX_HELP).contains(m.cliName());
        }
    }

    @Test
    void parseAllReportsEveryBadExpressionAtOnce() {
        assertThatThrownBy(() -> Thresholds.parseAll(List.of("p99<1s", "p98<1s", "lost<x")))
                .hasMessageStartingWith("--threshold 'p98<1s': unknown metric")
                .hasMessageContaining("\n--threshold 'lost<x': ");
        assertThat(Thresholds.parseAll(List.of("p99<1s", "lost<1"))).hasSize(2);
    }

    private static void evaluates(String expression, ReportTotals totals, boolean passed, String actual) {
        ThresholdResult r = Threshold.parse(expression).evaluate(totals);
        assertThat(r).as(expression).isEqualTo(new ThresholdResult(expression.strip(), actual, passed));
    }

    @Test
    void evaluatesAgainstTheTotals() {
        // p99 is 250 ms: < fails at the boundary, <= passes
        evaluates("p99<250ms", TOTALS, false, "250 ms");
        evaluates("p99<=250ms", TOTALS, true, "250 ms");
        evaluates("p99<=0.25s", TOTALS, true, "250 ms");
        evaluates("p99<250001us", TOTALS, true, "250 ms");
        // latency thresholds use the corrected latency; service- the uncorrected one
        evaluates("p50<3.2ms", TOTALS, true, "3.1 ms");
        evaluates("service-p99<50ms", TOTALS, true, "40 ms");
        evaluates("p99.9<1s", TOTALS, true, "900 ms");
        evaluates("max<1s", TOTALS, false, "1500 ms");
        evaluates("mean>8ms", TOTALS, true, "8.5 ms");
        // error rate is failed / sent = 20 / 960 = 2.08 %
        evaluates("error-rate<2%", TOTALS, false, "2.08 % (20 of 960)");
        evaluates("error-rate<0.03", TOTALS, true, "2.08 % (20 of 960)");
        // exact at the boundary: 10 timeouts of 960 sent is not < 10/960, but is <=; 1.0416...% < 1.05%
        evaluates("timeout-rate<1.05%", TOTALS, true, "1.04 % (10 of 960)");
        evaluates("timeout-rate<1.04%", TOTALS, false, "1.04 % (10 of 960)");
        // dropped and lost rates are of planned
        evaluates("dropped-rate<=2%", TOTALS, true, "2 % (20 of 1,000)");
        evaluates("lost-rate<2%", TOTALS, false, "2 % (20 of 1,000)");
        // achieved 96 of 100 planned rps
        evaluates("achieved-rate>=96%", TOTALS, true, "96 % (96.0 rps of 100 rps)");
        evaluates("achieved-rate>=99%", TOTALS, false, "96 % (96.0 rps of 100 rps)");
        // counts
        evaluates("lost<1", TOTALS, false, "20");
        evaluates("requests>=960", TOTALS, true, "960");
        evaluates("requests>960", TOTALS, false, "960");
        evaluates("errors<=20", TOTALS, true, "20");
        evaluates("dropped<21", TOTALS, true, "20");
    }

    @Test
    void aRunWithoutDataFailsInsteadOfPassingVacuously() {
        // no latency samples: no data, fails even though "p99 < 250 ms" is vacuously true
        evaluates("p99<250ms", NOTHING_SENT, false, "no data");
        evaluates("service-max<1s", NOTHING_SENT, false, "no data");
        // nothing sent: no error rate
        evaluates("error-rate<1%", NOTHING_SENT, false, "no data");
        // dropped rate is of planned, which there was
        evaluates("dropped-rate<1%", NOTHING_SENT, false, "100 % (100 of 100)");
        // counts are always known
        evaluates("lost<1", NOTHING_SENT, true, "0");
        evaluates("requests>=1", NOTHING_SENT, false, "0");
        // nothing planned at all: no achieved rate, no dropped rate
        ReportTotals none = SampleReports.empty().totals();
        evaluates("achieved-rate>=99%", none, false, "no data");
        evaluates("dropped-rate<1%", none, false, "no data");
    }

    @Test
    void exitCodeFollowsTheResults() {
        ThresholdResult pass = new ThresholdResult("p99<1s", "1 ms", true);
        ThresholdResult fail = new ThresholdResult("lost<1", "3", false);
        // no thresholds, all passed, one failed
        assertThat(ExitCodes.forResults(List.of())).isEqualTo(ExitCodes.OK);
        assertThat(ExitCodes.forResults(List.of(pass, pass))).isEqualTo(ExitCodes.OK);
        assertThat(ExitCodes.forResults(List.of(pass, fail))).isEqualTo(ExitCodes.THRESHOLDS_FAILED);
        // the numbers are a contract with CI scripts
        assertThat(List.of(ExitCodes.OK, ExitCodes.THRESHOLDS_FAILED, ExitCodes.INVALID_CONFIGURATION,
                ExitCodes.INFRASTRUCTURE_FAILURE)).containsExactly(0, 1, 2, 3);
    }
}
