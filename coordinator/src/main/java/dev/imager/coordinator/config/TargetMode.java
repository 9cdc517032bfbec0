package dev.imager.coordinator.config;

import dev.imager.protocol.cli.FlagChoice;

/** How the coordinator finds the target's base URL ({@code -target-mode}). */
public enum TargetMode implements FlagChoice {
    /** The Running pods of {@code -target-deployment}, addressed by pod IP. */
    POD("pod"),
    /** {@code <service>.<namespace>.svc:<port>} of {@code -target-service}. */
    SERVICE("service"),
    /** {@code -target-url} verbatim; no Kubernetes client at all. */
    URL("url");

    private final String flagValue;

    TargetMode(String flagValue) {
        this.flagValue = flagValue;
    }

    @Override
    public String flagValue() {
        return flagValue;
    }
}
