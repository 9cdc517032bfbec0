package dev.imager.coordinator.load;

import dev.imager.coordinator.config.ConfigProblems;
import dev.imager.coordinator.config.ConfigValidator;
import dev.imager.coordinator.config.CoordinatorConfig;
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
    public LoadCalculator create(CoordinatorConfig config) {
        ConfigProblems problems = new ConfigProblems();
        ConfigValidator.checkRates(config, problems);
        ConfigValidator.checkAdaptiveMaxLatency(config, problems);
        problems.throwIfAny();
        return new AdaptiveExponentialCalculator(config.minRps(), config.maxRps(), config.adaptiveMaxLatencyMs());
    }
}
