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
 * <p>Advances once per {@link #nextRate(long)} call, like {@link StepCalculator}.
 */
public final class ExponentialCalculator implements LoadCalculator {

    /** Factor of the {@code exponential} profile. */
    public static final long EXPONENTIAL_FACTOR = 2;
    /** Factor of the {@code logarithmic} profile (the original's misnamed ×10 exponential). */
    public static final long LOGARITHMIC_FACTOR = 10;

    private final long max;
    private final long factor;
    private long current;
    private long lastRound = Long.MIN_VALUE;
    private long lastRate;

    /**
     * @throws IllegalArgumentException when {@code min < 0}, {@code max < min} or {@code factor < 2}
     */
    public ExponentialCalculator(long min, long max, long factor) {
        ProfileChecks.check(min, max);
        if (factor < 2) {
            throw new IllegalArgumentException("factor must be >= 2, got " + factor);
        }
        this.max = max;
        this.factor = factor;
        this.current = min;
    }

    @Override
    public double nextRate(long round) {
        if (round == lastRound) {
            return lastRate;
        }
        lastRound = round;
        lastRate = current;
        if (current == 0) {
            current = Math.min(1, max);
        } else {
            current = current > max / factor ? max : current * factor;
        }
        return lastRate;
    }

    @Override
    public String toString() {
        return "exponential(x" + factor + " up to " + max + ")";
    }
}
