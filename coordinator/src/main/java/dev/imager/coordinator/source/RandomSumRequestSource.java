package dev.imager.coordinator.source;

import dev.imager.protocol.message.RequestSpec;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * The {@code random-sum} request source, made for the demo sumservice: every request is
 * {@code GET <path>?a=A&b=B} with A and B drawn independently and uniformly from the inclusive range
 * [min, max] (min = max gives that value every time; negative bounds are fine).
 *
 * <p>With a seed the sequence is reproducible and {@link #reset()} restarts it; without one it
 * differs on every run and {@code reset()} does nothing (the original never reset it either).
 */
public final class RandomSumRequestSource implements RequestSource {

    /**
     * Ranges up to this many values keep their operands' text, so a request costs one concatenation instead
     * of two number-to-text conversions: at a million requests a second that is a good part of a core.
     */
    static final int MAX_CACHED_OPERANDS = 65_536;

    /**
     * Ranges of up to 256 values (65,536 requests) keep every request: the specs are immutable, so sharing
     * them costs nothing, and identical spec objects let the job encoder reuse their JSON.
     */
    static final int MAX_CACHED_REQUESTS = 65_536;

    /** Path used when none (or an empty one) is given: the sumservice's endpoint. */
    public static final String DEFAULT_PATH = "/sum";

    private final String path;
    private final long min;
    private final long max;
    private final OptionalLong seed;
    private SplittableRandom random;
    /** The query of each value of A or B, when the range is small enough to keep them all. */
    private final String[] operands;
    /** Every request, when the range is small enough (A × B at most {@value #MAX_CACHED_REQUESTS}). */
    private final RequestSpec[] requests;

    /**
     * @param path request path; null or empty means {@value #DEFAULT_PATH}
     * @param min inclusive lower bound of A and B
     * @param max inclusive upper bound of A and B
     * @param seed seed for a reproducible sequence, or empty for a different one every run
     * @throws IllegalArgumentException when {@code max < min}
     */
    public RandomSumRequestSource(String path, long min, long max, OptionalLong seed) {
        if (max < min) {
            throw new IllegalArgumentException("random-sum max must be >= min (" + min + "), got " + max);
        }
        this.path = path == null || path.isEmpty() ? DEFAULT_PATH : path;
        this.min = min;
        this.max = max;
        this.seed = seed;
        this.random = newRandom();
        long span = max - min;
        if (span >= 0 && span < MAX_CACHED_OPERANDS) {
            operands = new String[(int) span + 1];
            for (int i = 0; i <= span; i++) {
                operands[i] = Long.toString(min + i);
            }
        } else {
            operands = null;
        }
        if (operands != null && (long) operands.length * operands.length <= MAX_CACHED_REQUESTS) {
            requests = new RequestSpec[operands.length * operands.length];
            for (int a = 0; a < operands.length; a++) {
                for (int b = 0; b < operands.length; b++) {
                    requests[a * operands.length + b] = RequestSpec.get(this.path, "a=" + operands[a] + "&b=" + operands[b]);
                }
            }
        } else {
            requests = null;
        }
    }

    @Override
    public RequestSpec next() {
        if (requests != null) {
            int a = (int) (draw() - min);
            return requests[a * operands.length + (int) (draw() - min)];
        }
        if (operands != null) {
            // Same draws as below (uniform in [min, max]), without formatting numbers.
            return RequestSpec.get(path, "a=" + operands[(int) (draw() - min)] + "&b=" + operands[(int) (draw() - min)]);
        }
        return RequestSpec.get(path, "a=" + draw() + "&b=" + draw());
    }

    @Override
    public void reset() {
        if (seed.isPresent()) {
            random = newRandom();
        }
    }

    @Override
    public String describe() {
        return "random-sum GET " + path + "?a=[" + min + ".." + max + "]&b=[" + min + ".." + max + "]"
                + (seed.isPresent() ? " (seed " + seed.getAsLong() + ")" : "");
    }

    // Uniform in [min, max] inclusive, also when max + 1 would overflow.
    private long draw() {
        if (max < Long.MAX_VALUE) {
            return random.nextLong(min, max + 1);
        }
        if (min > Long.MIN_VALUE) {
            return random.nextLong(min - 1, max) + 1;
        }
        return random.nextLong();
    }

    private SplittableRandom newRandom() {
        return seed.isPresent() ? new SplittableRandom(seed.getAsLong()) : new SplittableRandom();
    }
}
