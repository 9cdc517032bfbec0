package dev.imager.coordinator.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imager.coordinator.report.RunReport;
import org.junit.jupiter.api.Test;

/** {@code --fail-on}: how it is written, and when it trips. */
class FailOnTest {

    private static final RunReport BASE = Runs.steady("run-base", 10, 100, n -> 10 + (n % 2 == 0 ? -1 : 1), 1);
    /** p50 +20 %, beyond the ~0.8 ms noise. */
    private static final RunReport SLOWER = Runs.steady("run-slow", 10, 100, n -> 12 + (n % 2 == 0 ? -1 : 1), 1);
    /** p50 +2 %, within the noise. */
    private static final RunReport ABOUT_THE_SAME = Runs.steady("run-same", 10, 100,
            n -> 10.2 + (n % 2 == 0 ? -1 : 1), 1);

    @Test
    void parsesRelativeAndAbsoluteChanges() {
        // expression -> metric, operator, limit, relative
        assertThat(FailOn.parse("p99>+10%")).isEqualTo(new FailOn("p99>+10%", CompareMetric.P99, ">", 0.1, true));
        assertThat(FailOn.parse(" achieved-rate < -5% "))
                .isEqualTo(new FailOn("achieved-rate < -5%", CompareMetric.ACHIEVED_RATE, "<", -0.05, true));
        assertThat(FailOn.parse("p999>=+20ms").limit()).isEqualTo(20.0);
        assertThat(FailOn.parse("p50>0.5s").limit()).isEqualTo(500.0);
        assertThat(FailOn.parse("max>250us").limit()).isEqualTo(0.25);
        assertThat(FailOn.parse("error-rate>+0.5pp").limit()).isEqualTo(0.005);
        assertThat(FailOn.parse("capacity<=-50rps").limit()).isEqualTo(-50.0);
        assertThat(FailOn.parse("P99>+10%").metric()).isEqualTo(CompareMetric.P99);
    }

    @Test
    void refusesWhatItCannotReadSayingHowToWriteIt() {
        // expression -> what the message says
        assertThatThrownBy(() -> FailOn.parse("p99")).hasMessageStartingWith("--fail-on 'p99': not a comparison")
                .hasMessageContaining("e.g. p99>+10%");
        assertThatThrownBy(() -> FailOn.parse("p98>+10%")).hasMessageContaining("unknown metric 'p98'");
        assertThatThrownBy(() -> FailOn.parse("p99>ten")).hasMessageContaining("'ten' is not a change");
        // a bare number could be ms, %, anything
        assertThatThrownBy(() -> FailOn.parse("p99>10")).hasMessageContaining("a percentage or a duration");
        assertThatThrownBy(() -> FailOn.parse("error-rate>+1ms")).hasMessageContaining("percentage points");
        assertThatThrownBy(() -> FailOn.parse("achieved-rate<-5ms")).hasMessageContaining("requests/s");
        assertThatThrownBy(() -> FailOn.parse("p99!=+1%")).hasMessageContaining("not a comparison");
    }

    @Test
    void tripsOnAChangeBeyondNoiseOnly() {
        RunComparison slower = RunComparison.of("a", BASE, "b", SLOWER);
        assertThat(FailOn.parse("p50>+10%").trips(slower)).hasValueSatisfying(m -> assertThat(m)
                .isEqualTo("p50>+10%: p50 changed by +20.0 % (+2.000 ms) (beyond noise)"));
        assertThat(FailOn.parse("p50>+25%").trips(slower)).isEmpty();
        assertThat(FailOn.parse("p50>+1ms").trips(slower)).isPresent();
        // an improvement does not trip an upper limit
        assertThat(FailOn.parse("p50>+10%").trips(RunComparison.of("a", SLOWER, "b", BASE))).isEmpty();
        assertThat(FailOn.parse("p50<-10%").trips(RunComparison.of("a", SLOWER, "b", BASE))).isPresent();
        // +2 % is more than +1 %, but within the noise: no trip
        assertThat(FailOn.parse("p50>+1%").trips(RunComparison.of("a", BASE, "b", ABOUT_THE_SAME))).isEmpty();
    }

    @Test
    void withoutANoiseBoundTheChangeDecidesAndWithoutDataItTrips() {
        RunReport shortSlow = Runs.steady("run-short", 2, 100, n -> 20, 1);
        assertThat(FailOn.parse("p50>+10%").trips(RunComparison.of("a", BASE, "b", shortSlow)))
                .hasValueSatisfying(m -> assertThat(m).contains("noise bound unknown: fewer than 3 measured rounds"));
        assertThat(FailOn.parse("capacity<-10%").trips(RunComparison.of("a", BASE, "b", BASE)))
                .hasValue("capacity<-10%: cannot compare, no adaptive search in A");
        // errors appearing where there were none: an infinite relative change
        RunReport clean = Runs.steady("run-clean", 10, 100, n -> 10, 0);
        RunReport failing = Runs.steady("run-failing", 10, 100, n -> 10, 5);
        assertThat(FailOn.parse("error-rate>+50%").trips(RunComparison.of("a", clean, "b", failing)))
                .hasValueSatisfying(m -> assertThat(m).contains("from 0 (+5.00 pp)"));
    }
}
