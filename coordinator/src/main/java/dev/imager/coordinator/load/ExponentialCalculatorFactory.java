package dev.imager.coordinator.load;

import dev.imager.coordinator.config.ConfigProblems;
import dev.imager.coordinator.config.LoadSettings;

/**
 * Built-in factory of {@code exponential} (×2) and {@code logarithmic} (×10, the original's name):
 * {@code -min-rps}, {@code -max-rps}.
 */
public final class ExponentialCalculatorFactory implements LoadCalculatorFactory {

    /** The {@code -load-calculator} value of the ×2 profile. */
    public static final String EXPONENTIAL = "exponential";
    /** The {@code -load-calculator} value of the ×10 profile. */
    public static final String LOGARITHMIC = "logarithmic";

    private final String type;
    private final long factor;

    private ExponentialCalculatorFactory(String type, long factor) {
        this.type = type;
        this.factor = factor;
    }

    /** The ×2 {@code exponential} factory. */
    public static ExponentialCalculatorFactory exponential() {
        return new ExponentialCalculatorFactory(EXPONENTIAL, ExponentialCalculator.EXPONENTIAL_FACTOR);
    }

    /** The ×10 {@code logarithmic} factory. */
    public static ExponentialCalculatorFactory logarithmic() {
        return new ExponentialCalculatorFactory(LOGARITHMIC, ExponentialCalculator.LOGARITHMIC_FACTOR);
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public LoadCalculator create(LoadSettings load) {
        ConfigProblems problems = new ConfigProblems();
        load.checkRates(problems);
        problems.throwIfAny();
        return new ExponentialCalculator(load.minRps(), load.maxRps(), factor);
    }
}
