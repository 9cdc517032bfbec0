package dev.imager.coordinator.load;

/**
 * A fixed profile that starts at min and moves to its next rate once per round, capped at max: what
 * {@link StepCalculator} and {@link ExponentialCalculator} share. The profile advances once per
 * {@link #nextRate(long)} call, not by the round number, exactly as the original advanced once per
 * dispatched round; a repeated call for the same round returns the same rate.
 */
abstract class RateProfile implements LoadCalculator {

    /** The cap; every rate is at most this. */
    protected final long max;
    private long current;
    private long lastRound = Long.MIN_VALUE;
    private long lastRate;

    /**
     * @throws IllegalArgumentException when {@code min < 0} or {@code max < min}; validation reports
     *     these by flag before they get here
     */
    RateProfile(long min, long max) {
        if (min < 0) {
            throw new IllegalArgumentException("min rate must be >= 0, got " + min);
        }
        if (max < min) {
            throw new IllegalArgumentException("max rate must be >= min (" + min + "), got " + max);
        }
        this.max = max;
        this.current = min;
    }

    /** The rate after {@code rate}, at most {@link #max}; must not overflow. */
    abstract long following(long rate);

    @Override
    public final double nextRate(long round) {
        if (round == lastRound) {
            return lastRate;
        }
        lastRound = round;
        lastRate = current;
        current = following(current);
        return lastRate;
    }
}
