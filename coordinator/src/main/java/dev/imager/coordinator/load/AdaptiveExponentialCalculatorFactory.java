package dev.imager.coordinator.load;

import dev.imager.coordinator.config.ConfigProblems;
import dev.imager.coordinator.config.LoadSettings;
import dev.imager.coordinator.load.adaptive.AdaptiveExponentialCalculator;

/**
 * Built-in factory of {@code adaptive-exponential}: {@code -min-rps}, {@code -max-rps},
 * {@code -adaptive-max-latency-ms}.
 */
public final class AdaptiveExponentialCalculatorFactory implements LoadCalculatorFactory {

    /** The {@code -load-calculator} value. */
    public static final String TYPE = "adaptive-exponential";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public LoadCalculator create(LoadSettings load) {
        ConfigProblems problems = new ConfigProblems();
        load.checkRates(problems);
        load.checkAdaptiveMaxLatency(problems);
        problems.throwIfAny();
        return new AdaptiveExponentialCalculator(load.minRps(), load.maxRps(), load.adaptiveMaxLatencyMs(),
                load.model().rateUnit());
    }
}
