package dev.imager.coordinator.config;

import dev.imager.protocol.cli.FlagChoice;

/** How planned request instants are spread over each second ({@code --arrival}). */
public enum Arrival implements FlagChoice {
    /** Evenly spaced: request k of n in a second is planned at k/n s. */
    UNIFORM("uniform"),
    /** A Poisson process of the planned rate: exponential gaps, seeded by {@code --seed} when given. */
    POISSON("poisson");

    private final String flagValue;

    Arrival(String flagValue) {
        this.flagValue = flagValue;
    }

    @Override
    public String flagValue() {
        return flagValue;
    }
}
