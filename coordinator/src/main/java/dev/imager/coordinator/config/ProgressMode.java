package dev.imager.coordinator.config;

import dev.imager.protocol.cli.FlagChoice;

/** How the coordinator shows progress on its console ({@code --progress}). */
public enum ProgressMode implements FlagChoice {
    /** A live status line on a terminal, plain lines otherwise. */
    AUTO("auto"),
    /** One plain log-friendly line per round. */
    PLAIN("plain"),
    /** No progress output (the final report is still printed). */
    OFF("off");

    private final String flagValue;

    ProgressMode(String flagValue) {
        this.flagValue = flagValue;
    }

    @Override
    public String flagValue() {
        return flagValue;
    }
}
