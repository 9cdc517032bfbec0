package dev.imager.coordinator.load;

import dev.imager.coordinator.config.ConfigProblems;
import dev.imager.coordinator.config.CoordinatorConfig;
import dev.imager.coordinator.config.FlagNames;

/**
 * The {@code -min-rps}/{@code -max-rps} rules every built-in factory re-checks, so that a config built
 * in code without validation still fails with flag-named messages rather than an arithmetic surprise.
 */
final class RateBounds {

    private RateBounds() {
    }

    static void check(CoordinatorConfig c, ConfigProblems p) {
        if (c.minRps() < 0) {
            p.add(FlagNames.MIN_RPS, "must be >= 0, got " + c.minRps());
        }
        if (c.maxRps() < 0) {
            p.add(FlagNames.MAX_RPS, "must be >= 0, got " + c.maxRps());
        }
        if (c.minRps() >= 0 && c.maxRps() >= 0 && c.maxRps() < c.minRps()) {
            p.add(FlagNames.MAX_RPS, "must be >= " + FlagNames.MIN_RPS + " (" + c.minRps() + "), got " + c.maxRps());
        }
    }
}
