package dev.imager.operator.api;

/**
 * Where a LoadTest is. Pending: its coordinator and workers are being created or scheduled; Starting: the
 * coordinator waits for its workers; Running: rounds are sent; Succeeded: the run ended with exit code 0; Failed:
 * it did not (thresholds failed, invalid spec, infrastructure).
 */
public enum Phase {
    PENDING("Pending"),
    STARTING("Starting"),
    RUNNING("Running"),
    SUCCEEDED("Succeeded"),
    FAILED("Failed");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    /** The name in {@code status.phase}. */
    public String label() {
        return label;
    }

    /** True for Succeeded and Failed: nothing changes afterwards. */
    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED;
    }

    /** The phase named {@code label}, or null for none or an unknown one. */
    public static Phase of(String label) {
        for (Phase p : values()) {
            if (p.label.equals(label)) {
                return p;
            }
        }
        return null;
    }
}
