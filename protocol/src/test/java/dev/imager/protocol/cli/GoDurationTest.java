package dev.imager.protocol.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {

    @ParameterizedTest(name = "{0} = {1} ns")
    @CsvSource({
        "0, 0",                        // a bare zero needs no unit
        "1s, 1000000000",
        "500ms, 500000000",
        "1.5s, 1500000000",            // fractions
        "1m30s, 90000000000",          // several parts
        "2h45m, 9900000000000",
        "100ns, 100",
        "250us, 250000",
        "250µs, 250000",               // Go accepts the micro sign too
        ".5s, 500000000",
        "-5s, -5000000000",            // the parser allows negatives; validation rejects them where needed
        "+3ms, 3000000",
    })
    void parsesGoSyntax(String text, long nanos) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @Test
    void rejectsTextThatIsNotADuration() {
        for (String bad : new String[] {"", "5", "1x", "s", "1s2", "1 s", "--1s", "ms", "1.2.3s", null}) {
            assertThatThrownBy(() -> GoDuration.parse(bad)).as("'%s'", bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Go syntax");
        }
    }

    @Test
    void formatsLikeGo() {
        Map<Duration, String> cases = Map.of(
                Duration.ZERO, "0s",
                Duration.ofSeconds(1), "1s",
                Duration.ofMillis(250), "250ms",
                Duration.ofMillis(1500), "1.5s",
                Duration.ofSeconds(90), "1m30s",
                Duration.ofMinutes(120), "2h0m0s",
                Duration.ofNanos(1500), "1.5µs",
                Duration.ofSeconds(-2), "-2s");
        cases.forEach((d, text) -> assertThat(GoDuration.format(d)).as("%s", d).isEqualTo(text));
        cases.keySet().forEach(d -> assertThat(GoDuration.parse(GoDuration.format(d))).isEqualTo(d));
    }
}
