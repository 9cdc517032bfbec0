package dev.imager.coordinator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PresetTest {

    static Stream<Arguments> atTheirOwnPeak() {
        return Stream.of(
                // light: up, 2 min at 50, down
                Arguments.of(Preset.LIGHT, "30s:50,2m0s:50,30s:0", Duration.ofMinutes(3)),
                // heavy: up, 5 min at 1000, down
                Arguments.of(Preset.HEAVY, "1m0s:1000,5m0s:1000,1m0s:0", Duration.ofMinutes(7)),
                // sustained: 30 min at 200
                Arguments.of(Preset.SUSTAINED, "1m0s:200,30m0s:200,1m0s:0", Duration.ofMinutes(32)),
                // burst: three jumps from 100 to 1000 and back
                Arguments.of(Preset.BURST, "0s:100,30s:100,0s:1000,10s:1000,0s:100,30s:100,0s:1000,10s:1000,0s:100,"
                        + "30s:100,0s:1000,10s:1000,0s:100,30s:100", Duration.ofSeconds(150)),
                // spike: 100 base, 10 s up to 2000, a minute there, back
                Arguments.of(Preset.SPIKE, "30s:100,1m0s:100,10s:2000,1m0s:2000,10s:100,1m0s:100,30s:0",
                        Duration.ofSeconds(260)),
                // soak: 4 h at 100
                Arguments.of(Preset.SOAK, "5m0s:100,4h0m0s:100,5m0s:0", Duration.ofMinutes(250)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("atTheirOwnPeak")
    void expandsToItsDocumentedStages(Preset preset, String stages, Duration length) {
        assertThat(StageList.format(preset.stages(preset.defaultPeak()))).isEqualTo(stages);
        assertThat(StageList.length(preset.percentOfPeak())).isEqualTo(length);
        assertThat(StageList.highestTarget(preset.stages(preset.defaultPeak()))).isEqualTo(preset.defaultPeak());
    }

    @Test
    void anotherPeakRescalesEveryTargetRoundingHalfUp() {
        // 5% and 100% of 30: 1.5 rounds up to 2
        assertThat(StageList.format(Preset.SPIKE.stages(30))).isEqualTo("30s:2,1m0s:2,10s:30,1m0s:30,10s:2,1m0s:2,30s:0");
        // 10% of 5: 0.5 rounds up to 1
        assertThat(Preset.BURST.stages(5).get(0).target()).isEqualTo(1);
        // a huge peak does not overflow
        assertThat(Preset.HEAVY.stages(Long.MAX_VALUE).get(0).target()).isEqualTo(Long.MAX_VALUE);
        assertThat(Preset.BURST.stages(Long.MAX_VALUE).get(0).target()).isEqualTo(Long.MAX_VALUE / 10 + 1);
    }

    @Test
    void theDocsListEveryPresetExactlyAsItExpands() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "models-and-shapes.md"));
        for (Preset p : Preset.values()) {
            assertThat(doc).as("docs/models-and-shapes.md row of %s", p.flagValue()).contains("| `" + p.flagValue()
                    + "` | " + p.defaultPeak() + " | `" + StageList.format(p.stages(p.defaultPeak())) + "` |");
        }
    }

    @Test
    void flagsPickThePresetAndMaxRpsItsPeak() {
        LoadSettings heavy = Sections.load("--preset=heavy");
        assertThat(heavy.calculator()).isEqualTo("stages");
        assertThat(heavy.maxRps()).isEqualTo(1000);
        assertThat(heavy.stages()).isEqualTo(Preset.HEAVY.stages(1000));
        assertThat(heavy.shapeDescription()).isEqualTo("preset heavy: 1m0s:1000,5m0s:1000,1m0s:0");
        LoadSettings scaled = Sections.load("--preset=heavy", "-max-rps=40");
        assertThat(scaled.stages()).isEqualTo(Preset.HEAVY.stages(40));
        assertThat(scaled.problems()).isEmpty();
        // --stages alone: the stages calculator, -max-rps their highest target
        LoadSettings staged = Sections.load("--stages=10s:30,10s:70");
        assertThat(staged.calculator()).isEqualTo("stages");
        assertThat(staged.maxRps()).isEqualTo(70);
        assertThat(staged.preset()).isEmpty();
        assertThat(staged.shapeDescription()).isEqualTo("10s:30,10s:70");
        // neither: the original's defaults
        assertThat(Sections.load().calculator()).isEqualTo("step");
        assertThat(Sections.load().maxRps()).isEqualTo(100);
    }
}
