package dev.imager.coordinator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imager.coordinator.config.LoadSettings;
import dev.imager.coordinator.config.Sections;
import dev.imager.coordinator.config.InvalidConfigException;
import dev.imager.coordinator.load.adaptive.AdaptiveExponentialCalculator;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadCalculatorsTest {

    private static LoadSettings config(String type) {
        return Sections.load("-load-calculator=" + type, "-min-rps=2", "-max-rps=10");
    }

    @Test
    void builtInsAreFound() {
        LoadCalculators calculators = LoadCalculators.of(List.of(), List.of());
        assertThat(calculators.knownTypes()).containsExactly("step", "exponential", "logarithmic",
                "adaptive-exponential", "stages");
        assertThat(calculators.create(Sections.load("--stages=10s:10"))).isInstanceOf(StagesCalculator.class);
        assertThat(calculators.create(config("step"))).isInstanceOf(StepCalculator.class);
        assertThat(ProfileCalculatorsTest.first(calculators.create(config("exponential")), 4))
                .containsExactly(2, 4, 8, 10);
        assertThat(ProfileCalculatorsTest.first(calculators.create(config("logarithmic")), 3))
                .containsExactly(2, 10, 10);
        assertThat(calculators.create(config("adaptive-exponential"))).isInstanceOf(AdaptiveExponentialCalculator.class);
    }

    @Test
    void unknownTypeListsTheKnownOnes() {
        LoadCalculators calculators = LoadCalculators.of(List.of(LoadCalculatorFactory.of("spike", c -> r -> 1)),
                List.of());
        assertThatThrownBy(() -> calculators.create(config("linear"))).isInstanceOf(InvalidConfigException.class)
                .hasMessage("-load-calculator: unsupported value \"linear\"; known: step, exponential, logarithmic, "
                        + "adaptive-exponential, stages, spike");
    }

    @Test
    void explicitFactoryIsUsedFirst() {
        LoadCalculator constant = round -> 42;
        LoadCalculators calculators = LoadCalculators.of(List.of(LoadCalculatorFactory.of("step", c -> constant)),
                List.of(LoadCalculatorFactory.of("step", c -> round -> 7)));
        assertThat(calculators.create(config("step"))).isSameAs(constant);
    }

    @Test
    void serviceLoaderPlugInIsDiscovered() {
        // src/test/resources/META-INF/services/...LoadCalculatorFactory lists TestPlugInCalculatorFactory.
        LoadCalculators calculators = LoadCalculators.discover();
        assertThat(calculators.knownTypes()).endsWith(TestPlugInCalculatorFactory.TYPE);
        LoadCalculator calc = calculators.create(config(TestPlugInCalculatorFactory.TYPE));
        assertThat(ProfileCalculatorsTest.first(calc, 4)).containsExactly(2, 10, 2, 10);
    }

    @Test
    void explicitBeatsServiceLoader() {
        LoadCalculator constant = round -> 3;
        LoadCalculators calculators = LoadCalculators.discover(
                List.of(LoadCalculatorFactory.of(TestPlugInCalculatorFactory.TYPE, c -> constant)));
        assertThat(calculators.create(config(TestPlugInCalculatorFactory.TYPE))).isSameAs(constant);
    }

    @Test
    void factoriesReportBadSettingsByFlag() {
        LoadSettings noStep = Sections.load("-load-calculator=step", "-step-rps=0");
        assertThatThrownBy(() -> new StepCalculatorFactory().create(noStep))
                .hasMessage("-step-rps: must be > 0 for -load-calculator=step, got 0");
        LoadSettings reversed = Sections.load("-load-calculator=exponential", "-min-rps=-1", "-max-rps=-2");
        assertThatThrownBy(() -> ExponentialCalculatorFactory.exponential().create(reversed))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .containsExactly("-min-rps: must be >= 0, got -1", "-max-rps: must be >= 0, got -2"));
        LoadSettings belowMin = Sections.load("-load-calculator=logarithmic", "-min-rps=10", "-max-rps=5");
        assertThatThrownBy(() -> ExponentialCalculatorFactory.logarithmic().create(belowMin))
                .hasMessage("-max-rps: must be >= -min-rps (10), got 5");
        LoadSettings negativeLatency = Sections.load("-load-calculator=adaptive-exponential", "-adaptive-max-latency-ms=-1");
        assertThatThrownBy(() -> new AdaptiveExponentialCalculatorFactory().create(negativeLatency))
                .hasMessage("-adaptive-max-latency-ms: must be >= 0 (0 = timeout mode), got -1");
    }

    @Test
    void adaptiveFactoryUsesTheLatencyLimit() {
        LoadCalculator calc = new AdaptiveExponentialCalculatorFactory().create(
                Sections.load("-load-calculator=adaptive-exponential", "-min-rps=10", "-max-rps=500",
                        "-adaptive-max-latency-ms=200"));
        calc.nextRate(0);
        calc.nextRate(1);
        calc.observe(Obs.at(0, 10).p99Ms(250).build());
        assertThat(calc.nextRate(2)).isEqualTo(10);  // 250 ms > 200 ms once: confirm with the next round
        calc.observe(Obs.at(1, 10).p99Ms(250).build());
        assertThat(calc.nextRate(3)).isEqualTo(2);   // twice in a row: recovery at a quarter of the rate
    }
}
