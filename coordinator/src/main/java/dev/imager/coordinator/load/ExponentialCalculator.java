package dev.imager.coordinator.load;

/**
 * The {@code exponential} (factor 2) and {@code logarithmic} (factor 10) profiles: min, min·f,
 * min·f², …, capped at max, then max forever. Examples: exponential (2, 10): 2, 4, 8, 10, 10, …;
 * logarithmic (1, 500): 1, 10, 100, 500, 500, … "logarithmic" is the original's name for its ×10
 * profile; kept for compatibility.
 *
 * <p>Deviation: with min 0 the original stayed at 0 forever (0·f = 0). Here 0 is followed by 1 (or
 * max when max &lt; 1), then f, f², …: e.g. exponential (0, 10): 0, 1, 2, 4, 8, 10; logarithmic
 * (0, 500): 0, 1, 10, 100, 500.
 *
 * <p>Advances once per {@link #nextRate(long)} call ({@link RateProfile}).
 */
public final class ExponentialCalculator extends RateProfile {

    /** Factor of the {@code exponential} profile. */
    public static final long EXPONENTIAL_FACTOR = 2;
    /** Factor of the {@code logarithmic} profile (the original's misnamed ×10 exponential). */
    public static final long LOGARITHMIC_FACTOR = 10;

    private final long factor;

    /**
     * @throws IllegalArgumentException when {@code min < 0}, {@code max < min} or {@code factor < 2}
     */
    public ExponentialCalculator(long min, long max, long factor) {
        super(min, max);
        if (factor < 2) {
            throw new IllegalArgumentException("factor must be >= 2, got " + factor);
        }
        this.factor = factor;
    }

    @Override
    long following(long rate) {
        if (rate == 0) {
            return Math.min(1, max);
        }
        return rate > max / factor ? max : rate * factor;
    }

    @Override
    public String toString() {
        return "exponential(x" + factor + " up to " + max + ")";
    }
}
