package dev.imager.coordinator.deploy;

import static dev.imager.coordinator.deploy.ChartValueSets.PRESET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.config.CoordinatorConfig;
import dev.imager.coordinator.config.LoadSettings;
import dev.imager.coordinator.config.Preset;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code coordinator.load.preset}, one value in the chart: rendered by a real {@code helm} as {@code --preset},
 * read back by the coordinator's own parser into the preset's stages, and refused by the schema when it names
 * no preset.
 */
class HelmLoadPresetIT {

    @RegisterExtension
    static final PreparedChart CHART = new PreparedChart();

    @Test
    void aPresetIsTheWholeShapeAndAJobNeedsNoDuration() throws IOException {
        Manifests m = CHART.chart().render("imager", "imager", PRESET);

        assertThat(m.container("coordinator").getArgs()).contains("--preset=spike")
                .noneMatch(a -> a.startsWith("-load-calculator=") || a.startsWith("-max-rps="));
        CoordinatorConfig config = ProgramArgs.coordinator(m.container("coordinator"));
        LoadSettings load = config.load();
        assertThat(load.calculator()).isEqualTo("stages");
        assertThat(load.preset()).contains(Preset.SPIKE);
        assertThat(load.stages()).isEqualTo(Preset.SPIKE.stages(Preset.SPIKE.defaultPeak()));
        assertThat(load.maxRps()).isEqualTo(2000);
        // the chart's minRps is still the warm-up rate; the shape ends the Job's run
        assertThat(load.minRps()).isEqualTo(10);
        assertThat(config.run().duration()).isEmpty();
    }

    @Test
    void maxRpsInExtraArgsRescalesThePresetsPeak() throws IOException {
        Manifests m = CHART.chart().render("imager", "imager", PRESET + "  extraArgs: [\"-max-rps=300\"]\n");

        LoadSettings load = ProgramArgs.coordinator(m.container("coordinator")).load();
        assertThat(load.stages()).isEqualTo(Preset.SPIKE.stages(300));
        assertThat(load.stages().get(0).target()).isEqualTo(15);
    }

    @Test
    void withoutAPresetTheCalculatorAndRatesAreRenderedAsBefore() throws IOException {
        Manifests m = CHART.chart().render("imager", "imager", "coordinator:\n  load:\n    preset: \"\"\n");

        assertThat(m.container("coordinator").getArgs()).contains("-load-calculator=adaptive-exponential",
                "-max-rps=500").noneMatch(a -> a.startsWith("--preset"));
        assertThat(ProgramArgs.coordinator(m.container("coordinator")).load().preset()).isEmpty();
    }

    @Test
    void theSchemaRefusesAnUnknownPresetNamingTheValue() throws IOException {
        String message = CHART.chart().refused("coordinator:\n  load:\n    preset: huge\n");

        assertThat(message).contains("values don't meet the specifications of the schema")
                .contains("coordinator.load.preset: coordinator.load.preset must be one of");
    }
}
