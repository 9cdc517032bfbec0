package dev.imager.coordinator.load.adaptive;

import dev.imager.coordinator.load.RoundObservation;

/**
 * The target's queue read from the service time of consecutive complete rounds at one rate, whether or not they
 * were judged: a round the generator sent late is inconclusive for the verdict (its corrected latency holds the
 * generator's lateness), but its service time (from the write to the response) is the target's alone, and an
 * overloaded target's queue lifts its median by {@code (r/c − 1)·T} from one round to the next. Used for the
 * capacity estimate when the trial saw no rise of its own ({@link CapacityEstimate#fromRise}).
 *
 * <p>Only a steady climb counts: at least {@link #MIN_ROUNDS} consecutive rounds, every step up, and every step
 * within {@link #STEP_TOLERANCE} of their mean (a generator stall followed by a burst makes one big step, not a
 * climb). Bounded: the first {@link #MAX_ROUNDS} rounds of a decision.
 */
final class ServiceTimeClimb {

    static final int MIN_ROUNDS = 3;
    static final int MAX_ROUNDS = 16;
    static final double STEP_TOLERANCE = 0.3;

    private final long[] rounds = new long[MAX_ROUNDS];
    private final long[] mediansMicros = new long[MAX_ROUNDS];
    private int size;

    void clear() {
        size = 0;
    }

    /** A complete round at the decision's rate; ignored once full, or when it is not the next round. */
    void add(RoundObservation o) {
        if (size == MAX_ROUNDS || o.serviceTime().isEmpty() || (size > 0 && o.round() != rounds[size - 1] + 1)) {
            return;
        }
        rounds[size] = o.round();
        mediansMicros[size] = o.serviceTime().valueAtPercentileMicros(50);
        size++;
    }

    /** The median's rise per round over a steady climb; 0 when there is none. */
    long risePerRoundMicros() {
        if (size < MIN_ROUNDS) {
            return 0;
        }
        double mean = (mediansMicros[size - 1] - mediansMicros[0]) / (double) (size - 1);
        if (mean <= 0) {
            return 0;
        }
        for (int i = 1; i < size; i++) {
            long step = mediansMicros[i] - mediansMicros[i - 1];
            if (step <= 0 || Math.abs(step / mean - 1) > STEP_TOLERANCE) {
                return 0;
            }
        }
        return Math.round(mean);
    }
}
