package dev.imager.coordinator.load;

import dev.imager.coordinator.config.ConfigProblems;
import dev.imager.coordinator.config.LoadSettings;

/** Built-in factory of {@code step}: {@code -min-rps}, {@code -max-rps}, {@code -step-rps}. */
public final class StepCalculatorFactory implements LoadCalculatorFactory {

    /** The {@code -load-calculator} value. */
    public static final String TYPE = "step";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public LoadCalculator create(LoadSettings load) {
        ConfigProblems problems = new ConfigProblems();
        load.checkRates(problems);
        load.checkStepRps(problems);
        problems.throwIfAny();
        return new StepCalculator(load.minRps(), load.maxRps(), load.stepRps());
    }
}
