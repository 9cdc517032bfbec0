package dev.imager.coordinator.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the live progress line is shown ({@code --progress}). */
public enum ProgressMode {
    /** Rewrite one line in place on an interactive terminal; print one line per update otherwise (CI logs). */
    AUTO,
    /** Always one plain line per update. */
    LINES,
    /** Print nothing. */
    OFF;

    /** The mode named {@code name} (case-insensitive), for the {@code --progress} flag. */
    public static ProgressMode parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--progress '" + name + "': expected one of "
                    + Arrays.stream(values()).map(m -> m.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", ")), e);
        }
    }
}
