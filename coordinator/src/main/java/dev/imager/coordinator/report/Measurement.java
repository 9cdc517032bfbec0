package dev.imager.coordinator.report;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A measured value as an exact ratio {@code numerator / denominator} plus how to show it, so a threshold
 * compares without rounding: {@code error-rate<1%} on 1 failure in 100 requests compares 1 with 0.01 × 100
 * and fails exactly at the boundary, never by a floating-point hair.
 *
 * @param numerator the value's numerator in the metric's base unit (ms, requests, or a rate)
 * @param denominator positive; 1 for latencies and counts
 * @param display the value with its unit, for people
 */
record Measurement(BigDecimal numerator, BigDecimal denominator, String display) {

    /** The metric has nothing to measure (no samples, nothing sent or planned). */
    static final Measurement NO_DATA = new Measurement(BigDecimal.ZERO, BigDecimal.ONE, "no data");

    Measurement {
        Objects.requireNonNull(numerator, "numerator");
        Objects.requireNonNull(display, "display");
        if (denominator.signum() <= 0) {
            throw new IllegalArgumentException("denominator must be positive, was " + denominator);
        }
    }

    static Measurement exact(BigDecimal value, String display) {
        return new Measurement(value, BigDecimal.ONE, display);
    }

    boolean hasData() {
        return this != NO_DATA;
    }

    /** Compares this value with {@code limit}: negative, zero or positive like {@link Comparable}. */
    int compareTo(BigDecimal limit) {
        return numerator.compareTo(limit.multiply(denominator));
    }
}
