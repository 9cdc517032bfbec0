package dev.imager.coordinator.load;

import dev.imager.coordinator.config.ConfigProblems;
import dev.imager.coordinator.config.ConfigValidator;
import dev.imager.coordinator.config.CoordinatorConfig;

/** Built-in factory of {@code step}: {@code -min-rps}, {@code -max-rps}, {@code -step-rps}. */
public final class StepCalculatorFactory implements LoadCalculatorFactory {

    /** The {@code -load-calculator} value. */
    public static final String TYPE = "step";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public LoadCalculator create(CoordinatorConfig config) {
        ConfigProblems problems = new ConfigProblems();
        ConfigValidator.checkRates(config, problems);
        ConfigValidator.checkStepRps(config, problems);
        problems.throwIfAny();
        return new StepCalculator(config.minRps(), config.maxRps(), config.stepRps());
    }
}
