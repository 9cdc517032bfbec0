package dev.imager.coordinator.load;

/**
 * The {@code step} profile, as in the original: min, min + step, min + 2·step, …, then max (even when
 * max is not on the grid), then max forever. Example (10, 25, 10): 10, 20, 25, 25, …
 *
 * <p>The profile advances once per {@link #nextRate(long)} call, not by the round number, exactly as
 * the original advanced once per dispatched round; a repeated call for the same round returns the
 * same rate.
 */
public final class StepCalculator implements LoadCalculator {

    private final long max;
    private final long step;
    private long current;
    private long lastRound = Long.MIN_VALUE;
    private long lastRate;

    /**
     * @throws IllegalArgumentException when {@code min < 0}, {@code max < min} or {@code step <= 0}
     */
    public StepCalculator(long min, long max, long step) {
        ProfileChecks.check(min, max);
        if (step <= 0) {
            throw new IllegalArgumentException("step must be > 0, got " + step);
        }
        this.max = max;
        this.step = step;
        this.current = min;
    }

    @Override
    public double nextRate(long round) {
        if (round == lastRound) {
            return lastRate;
        }
        lastRound = round;
        lastRate = current;
        current = step > max - current ? max : current + step;
        return lastRate;
    }

    @Override
    public String toString() {
        return "step(+" + step + " up to " + max + ")";
    }
}
