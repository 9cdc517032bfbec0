package dev.imager.coordinator.load;

/** The bounds every built-in profile needs; validation reports them by flag before they get here. */
final class ProfileChecks {

    private ProfileChecks() {
    }

    static void check(long min, long max) {
        if (min < 0) {
            throw new IllegalArgumentException("min rate must be >= 0, got " + min);
        }
        if (max < min) {
            throw new IllegalArgumentException("max rate must be >= min (" + min + "), got " + max);
        }
    }
}
