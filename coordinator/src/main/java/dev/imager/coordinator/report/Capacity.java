package dev.imager.coordinator.report;

import java.util.Objects;

/**
 * What the adaptive search found.
 *
 * @param rps the capacity, requests/s (a lower bound when the note says "≥")
 * @param note how to read it, e.g. "highest rate with p99 <= 200 ms", "≥ 500 rps: reached -max-rps" or
 *     "≥ 8000 rps: limited by the load generator"
 */
public record Capacity(double rps, String note) {

    public Capacity {
        ReportValueChecks.finiteNonNegative(rps, "capacity rps");
        Objects.requireNonNull(note, "capacity note");
    }
}
