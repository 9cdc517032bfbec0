package dev.imager.coordinator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imager.coordinator.config.CoordinatorConfig;
import dev.imager.coordinator.config.InvalidConfigException;
import dev.imager.coordinator.load.adaptive.AdaptiveExponentialCalculator;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadCalculatorsTest {

    private static CoordinatorConfig config(String type) {
        return CoordinatorConfig.builder().targetDeployment("app").loadCalculator(type).minRps(2).maxRps(10).build();
    }

    @Test
    void builtInsAreFound() {
        LoadCalculators calculators = LoadCalculators.of(List.of(), List.of());
        assertThat(calculators.knownTypes()).containsExactly("step", "exponential", "logarithmic",
                "adaptive-exponential");
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
                        + "adaptive-exponential, spike");
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
        CoordinatorConfig noStep = config("step").toBuilder().stepRps(0).build();
        assertThatThrownBy(() -> new StepCalculatorFactory().create(noStep))
                .hasMessage("-step-rps: must be > 0 for -load-calculator=step, got 0");
        CoordinatorConfig reversed = config("exponential").toBuilder().minRps(-1).maxRps(-2).build();
        assertThatThrownBy(() -> ExponentialCalculatorFactory.exponential().create(reversed))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .containsExactly("-min-rps: must be >= 0, got -1", "-max-rps: must be >= 0, got -2"));
        CoordinatorConfig belowMin = config("logarithmic").toBuilder().minRps(10).maxRps(5).build();
        assertThatThrownBy(() -> ExponentialCalculatorFactory.logarithmic().create(belowMin))
                .hasMessage("-max-rps: must be >= -min-rps (10), got 5");
        CoordinatorConfig negativeLatency = config("adaptive-exponential").toBuilder().adaptiveMaxLatencyMs(-1).build();
        assertThatThrownBy(() -> new AdaptiveExponentialCalculatorFactory().create(negativeLatency))
                .hasMessage("-adaptive-max-latency-ms: must be >= 0 (0 = timeout mode), got -1");
    }

    @Test
    void adaptiveFactoryUsesTheLatencyLimit() {
        LoadCalculator calc = new AdaptiveExponentialCalculatorFactory().create(
                config("adaptive-exponential").toBuilder().minRps(10).maxRps(500).adaptiveMaxLatencyMs(200).build());
        calc.nextRate(0);
        calc.nextRate(1);
        calc.observe(Obs.at(0, 10).p99Ms(250).build());
        assertThat(calc.nextRate(2)).isEqualTo(10);  // 250 ms > 200 ms once: confirm with the next round
        calc.observe(Obs.at(1, 10).p99Ms(250).build());
        assertThat(calc.nextRate(3)).isEqualTo(2);   // twice in a row: recovery at a quarter of the rate
    }
}
