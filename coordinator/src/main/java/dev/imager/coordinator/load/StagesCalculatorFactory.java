package dev.imager.coordinator.load;

import dev.imager.coordinator.config.ConfigProblems;
import dev.imager.coordinator.config.LoadFlags;
import dev.imager.coordinator.config.LoadSettings;

/** Built-in factory of {@code stages}: {@code --stages} or {@code --preset}, rounds of {@code -schedule-interval}. */
public final class StagesCalculatorFactory implements LoadCalculatorFactory {

    /** The {@code -load-calculator} value. */
    public static final String TYPE = LoadSettings.STAGES_CALCULATOR;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public LoadCalculator create(LoadSettings load) {
        ConfigProblems problems = new ConfigProblems();
        load.checkStages(problems);
        problems.positive(LoadFlags.SCHEDULE_INTERVAL, load.scheduleInterval());
        problems.throwIfAny();
        return new StagesCalculator(load.stages(), load.scheduleInterval());
    }
}
