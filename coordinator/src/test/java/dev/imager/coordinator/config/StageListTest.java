package dev.imager.coordinator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StageListTest {

    static Stream<Arguments> shapes() {
        return Stream.of(
                // k6's ramping-arrival-rate example: up, higher, down to nothing
                Arguments.of("30s:100,2m:500,30s:0", List.of(stage(30_000, 100), stage(120_000, 500), stage(30_000, 0))),
                // spaces around entries are allowed; a 0s stage is a jump
                Arguments.of(" 0s:50 , 1m30s:50", List.of(stage(0, 50), stage(90_000, 50))),
                // sub-second durations and hexadecimal targets, as other flags take them
                Arguments.of("250ms:0x10", List.of(stage(250, 16))),
                // empty: no shape
                Arguments.of("", List.of()));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("shapes")
    void parses(String text, List<Stage> expected) {
        assertThat(StageList.parse(text)).isEqualTo(expected);
    }

    static Stream<Arguments> badShapes() {
        return Stream.of(
                // no colon
                Arguments.of("30s", "entry 1 \"30s\": expected <duration>:<target rps>, e.g. 30s:100"),
                // an empty entry between commas
                Arguments.of("30s:1,,1m:2", "entry 2 \"\": expected <duration>:<target rps>, e.g. 30s:100"),
                // no target after the colon
                Arguments.of("30s:", "entry 1 \"30s:\": target rps: invalid integer \"\": a number is required"),
                // a unit Go does not know
                Arguments.of("1d:5", "entry 1 \"1d:5\": unknown unit \"d\" in duration \"1d\" (units: ns, us, µs, "
                        + "ms, s, m, h)"),
                // negative target
                Arguments.of("1s:-1", "entry 1 \"1s:-1\": target rps must be >= 0, got -1"),
                // negative duration
                Arguments.of("-1s:1", "entry 1 \"-1s:1\": duration must be >= 0, got -1s"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badShapes")
    void namesTheBadEntry(String text, String message) {
        assertThatThrownBy(() -> StageList.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void boundsTheNumberOfStages() {
        String hundred = String.join(",", Collections.nCopies(StageList.MAX_STAGES, "1s:1"));
        assertThat(StageList.parse(hundred)).hasSize(StageList.MAX_STAGES);
        assertThatThrownBy(() -> StageList.parse(hundred + ",1s:1"))
                .hasMessage("101 stages, at most 100 allowed");
    }

    @Test
    void formatsAsGoWritesDurationsAndMeasuresTheShape() {
        List<Stage> stages = StageList.parse("30s:100,2m:500,0s:20,30s:0");
        assertThat(StageList.format(stages)).isEqualTo("30s:100,2m0s:500,0s:20,30s:0");
        assertThat(StageList.parse(StageList.format(stages))).isEqualTo(stages);
        assertThat(StageList.length(stages)).isEqualTo(Duration.ofMinutes(3));
        assertThat(StageList.highestTarget(stages)).isEqualTo(500);
        assertThat(StageList.highestTarget(List.of())).isZero();
    }

    private static Stage stage(long millis, long target) {
        return new Stage(Duration.ofMillis(millis), target);
    }
}
