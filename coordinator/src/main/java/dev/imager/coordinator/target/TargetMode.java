package dev.imager.coordinator.target;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the coordinator finds the address its requests go to ({@code -target-mode}). */
public enum TargetMode {
    /** One Ready pod of a Deployment, addressed by pod IP and container port; kept while it stays Ready. */
    POD,
    /** The cluster DNS name of a Service; kube-proxy spreads connections over its pods. */
    SERVICE,
    /** A fixed absolute URL; no Kubernetes API access at all. */
    URL;

    /** The flag spelling: {@code pod}, {@code service} or {@code url}. */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the flag value. Matching ignores case and surrounding blanks so {@code -target-mode=Pod}
     * is not rejected for capitalisation alone; anything else fails with the list of valid values.
     */
    public static TargetMode parse(String value) {
        String v = value == null ? "" : value.trim();
        for (TargetMode mode : values()) {
            if (mode.flagValue().equalsIgnoreCase(v)) {
                return mode;
            }
        }
        String valid = Arrays.stream(values()).map(TargetMode::flagValue).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("-target-mode must be one of " + valid + ", got '" + value + "'");
    }
}
