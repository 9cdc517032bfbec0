package dev.imager.coordinator.report;

import dev.imager.coordinator.config.ProgressMode;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    private static ProgressSnapshot snapshot(double elapsed, String phase, double planned, double achieved, double p50,
            double p99, OptionalDouble capacity) {
        return new ProgressSnapshot(elapsed, phase, planned, achieved, p50, p99, 0, 0, 0, 2, capacity, "", "rps");
    }

    @Test
    void formatsOneFixedWidthLine() {
        // the common case
        assertThat(ProgressLine.format(snapshot(12.7, "ramp", 400, 398, 3.14, 12.4, OptionalDouble.empty())))
                .isEqualTo("  12s  ramp      planned   400 rps  achieved   398 rps  p50   3.1 ms  p99  12.4 ms"
                        + "  err 0  drop 0  lost 0  workers 2");
        // low rates keep a decimal, sub-millisecond latencies two, seconds-long ones none; capacity at the end
        assertThat(ProgressLine.format(snapshot(3, "warmup", 2.5, 2.5, 0.456, 1234.5, OptionalDouble.of(450))))
                .isEqualTo("   3s  warmup    planned   2.5 rps  achieved   2.5 rps  p50  0.46 ms  p99  1235 ms"
                        + "  err 0  drop 0  lost 0  workers 2  capacity 450 rps");
        // no responses yet: dashes, not zeros
        assertThat(ProgressLine.format(snapshot(0, "ramp", 100, 0, Double.NaN, Double.NaN, OptionalDouble.empty())))
                .contains("p50     - ms  p99     - ms");
        // counts as they are
        assertThat(ProgressLine.format(new ProgressSnapshot(61, "steady", 20_000, 19_990, 1, 2, 17, 3, 1, 12,
                OptionalDouble.empty(), "", "rps")))
                .isEqualTo("  61s  steady    planned 20000 rps  achieved 19990 rps  p50   1.0 ms  p99   2.0 ms"
                        + "  err 17  drop 3  lost 1  workers 12");
        // a load shape's stage at the end
        assertThat(ProgressLine.format(new ProgressSnapshot(95, "profile", 433.3, 430, 1, 2, 0, 0, 0, 2,
                OptionalDouble.empty(), "stage 2/3", "rps")))
                .isEqualTo("  95s  profile   planned   433 rps  achieved   430 rps  p50   1.0 ms  p99   2.0 ms"
                        + "  err 0  drop 0  lost 0  workers 2  stage 2/3");
        // the closed model: the round plans users, the achieved rate is their throughput; the capacity is in users
        assertThat(ProgressLine.format(new ProgressSnapshot(30, "search", 20, 371, 50, 80, 0, 0, 0, 2,
                OptionalDouble.of(16), "", "users")))
                .isEqualTo("  30s  search    planned    20 users  achieved   371 rps  p50  50.0 ms  p99  80.0 ms"
                        + "  err 0  drop 0  lost 0  workers 2  capacity 16 users");
    }

}
