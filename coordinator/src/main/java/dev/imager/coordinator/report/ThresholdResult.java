package dev.imager.coordinator.report;

import java.util.Objects;

/**
 * A threshold checked against the run.
 *
 * @param expression the expression as the user wrote it, e.g. {@code p99<250ms}
 * @param actual the measured value with its unit, e.g. {@code 12.345 ms}, or {@code no data}
 * @param passed whether the run met it
 */
public record ThresholdResult(String expression, String actual, boolean passed) {

    public ThresholdResult {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(actual, "actual");
    }
}
