package dev.imager.coordinator.source;

import dev.imager.coordinator.config.ConfigProblems;
import dev.imager.coordinator.config.ConfigValidator;
import dev.imager.coordinator.config.CoordinatorConfig;

/**
 * Built-in factory of the {@code random-sum} source; public so custom factories can delegate to it.
 * Uses {@code -random-sum-path}, {@code -random-sum-min}, {@code -random-sum-max} and {@code --seed}.
 */
public final class RandomSumRequestSourceFactory implements RequestSourceFactory {

    /** The {@code -request-source-type} value. */
    public static final String TYPE = "random-sum";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public RequestSource create(CoordinatorConfig config) {
        ConfigProblems problems = new ConfigProblems();
        ConfigValidator.checkRandomSumBounds(config, problems);
        problems.throwIfAny();
        return new RandomSumRequestSource(config.randomSumPath(), config.randomSumMin(), config.randomSumMax(),
                config.seed());
    }
}
