package dev.imager.coordinator.source;

import dev.imager.coordinator.config.ConfigProblems;
import dev.imager.coordinator.config.RequestSettings;
import dev.imager.coordinator.config.RunSettings;

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
    public RequestSource create(RequestSettings requests, RunSettings run) {
        ConfigProblems problems = new ConfigProblems();
        requests.checkRandomSumBounds(problems);
        problems.throwIfAny();
        return new RandomSumRequestSource(requests.randomSumPath(), requests.randomSumMin(), requests.randomSumMax(),
                run.seed());
    }
}
