package dev.imager.coordinator.load;

/**
 * A fixed profile that starts at min and moves to its next rate once per round, capped at max: what
 * {@link StepCalculator} and {@link ExponentialCalculator} share. The profile advances once per
 * {@link #nextRate(long)} call, not by the round number, exactly as the original advanced once per
 * dispatched round; a repeated call for the same round returns the same rate. A round that could not be sent
 * ({@link #roundNotSent}) does not count: the profile pauses, and the next round gets its rate again.
 */
abstract class RateProfile implements LoadCalculator {

    /** The cap; every rate is at most this. */
    protected final long max;
    private long current;
    private long lastRound = Long.MIN_VALUE;
    private long lastRate;
    /** True while the last rate returned stands for a round that was not sent: the next round repeats it. */
    private boolean paused;

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
        if (paused) {
            paused = false;
            return lastRate;
        }
        lastRate = current;
        current = following(current);
        return lastRate;
    }

    @Override
    public final void roundNotSent(long round) {
        if (round == lastRound) {
            paused = true;
        }
    }
}
