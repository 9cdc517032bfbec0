package dev.imager.coordinator.load;

import dev.imager.coordinator.config.ConfigProblems;
import dev.imager.coordinator.config.CoordinatorConfig;
import dev.imager.coordinator.config.FlagNames;

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
        RateBounds.check(config, problems);
        if (config.adaptiveMaxLatencyMs() < 0) {
            problems.add(FlagNames.ADAPTIVE_MAX_LATENCY_MS, "must be >= 0 (0 = timeout mode), got "
                    + config.adaptiveMaxLatencyMs());
        }
        problems.throwIfAny();
        return new AdaptiveExponentialCalculator(config.minRps(), config.maxRps(), config.adaptiveMaxLatencyMs());
    }
}
