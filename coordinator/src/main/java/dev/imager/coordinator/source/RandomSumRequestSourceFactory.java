package dev.imager.coordinator.source;

import dev.imager.coordinator.config.CoordinatorConfig;
import dev.imager.coordinator.config.FlagNames;
import dev.imager.coordinator.config.InvalidConfigException;

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
        if (config.randomSumMax() < config.randomSumMin()) {
            throw new InvalidConfigException(FlagNames.RANDOM_SUM_MAX + ": must be >= " + FlagNames.RANDOM_SUM_MIN
                    + " (" + config.randomSumMin() + "), got " + config.randomSumMax());
        }
        return new RandomSumRequestSource(config.randomSumPath(), config.randomSumMin(), config.randomSumMax(),
                config.seed());
    }
}
