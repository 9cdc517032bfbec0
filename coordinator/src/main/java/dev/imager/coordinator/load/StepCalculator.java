package dev.imager.coordinator.load;

/**
 * The {@code step} profile, as in the original: min, min + step, min + 2·step, …, then max (even when
 * max is not on the grid), then max forever. Example (10, 25, 10): 10, 20, 25, 25, …
 *
 * <p>Advances once per {@link #nextRate(long)} call ({@link RateProfile}).
 */
public final class StepCalculator extends RateProfile {

    private final long step;

    /**
     * @throws IllegalArgumentException when {@code min < 0}, {@code max < min} or {@code step <= 0}
     */
    public StepCalculator(long min, long max, long step) {
        super(min, max);
        if (step <= 0) {
            throw new IllegalArgumentException("step must be > 0, got " + step);
        }
        this.step = step;
    }

    @Override
    long following(long rate) {
        return step > max - rate ? max : rate + step;
    }

    @Override
    public String toString() {
        return "step(+" + step + " up to " + max + ")";
    }
}
