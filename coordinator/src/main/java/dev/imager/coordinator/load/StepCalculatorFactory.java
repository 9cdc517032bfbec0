package dev.imager.coordinator.load;

import dev.imager.coordinator.config.ConfigProblems;
import dev.imager.coordinator.config.CoordinatorConfig;
import dev.imager.coordinator.config.FlagNames;

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
        RateBounds.check(config, problems);
        if (config.stepRps() <= 0) {
            problems.add(FlagNames.STEP_RPS, "must be > 0 for " + FlagNames.LOAD_CALCULATOR + "=step, got "
                    + config.stepRps());
        }
        problems.throwIfAny();
        return new StepCalculator(config.minRps(), config.maxRps(), config.stepRps());
    }
}
