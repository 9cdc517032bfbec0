package dev.imager.coordinator.load;

import dev.imager.coordinator.config.Stage;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

/**
 * The {@code stages} profile ({@code --stages 30s:100,2m:500,30s:0}, or a {@code --preset}): the rate moves in a
 * straight line from each stage's start level (0 for the first, the previous target after) to its target over
 * its duration, as k6's ramping-arrival-rate does; a 0 s stage jumps. The run ends with the last stage
 * ({@link #finished()}).
 *
 * <p>Each round's rate is the shape's mean over the round: the exact integral of the rate over the round
 * divided by the interval, so the run loop's {@code RateIntegrator} plans exactly the integral. The integral
 * {@code M(t)} (in micro-requests, floored) is computed in exact integer arithmetic: within a stage from
 * {@code a} to {@code b} rps over {@code D}, {@code M(t0 + τ) = M(t0) + a·τ + (b − a)·τ²/(2D)}; a round gets
 * {@code M(end) − M(start)}, so the rounds' counts add up to the whole shape's integral, e.g. 45 000 requests
 * for {@code 30s:100,2m:500,30s:0} (1 500 + 36 000 + 7 500), whatever the interval. The last round ends with
 * the shape: its rate is what is left of the integral, spread over a whole interval.
 *
 * <p>Walked one round per round sent, as the other pure profiles ({@link RoundWalk}): a round not sent is planned
 * again, so every stage is run.
 */
public final class StagesCalculator extends RoundWalk {

    private static final BigInteger NANOS_PER_MICRO = BigInteger.valueOf(1_000);

    private final List<Stage> stages;
    /** Shape time at each stage's start, ns. */
    private final long[] startNanos;
    /** Rate at each stage's start, rps. */
    private final long[] from;
    /** Twice the integral before each stage, in rps·ns (so a stage's (a + b)·D adds exactly). */
    private final BigInteger[] twiceBefore;
    private final long lengthNanos;
    private final long roundNanos;
    private final long intervalMicros;
    private final long rounds;

    /** Rounds of the shape planned so far. */
    private long position;
    /** The round of the shape planned last. */
    private long lastPosition;

    /**
     * @param interval the round length ({@code -schedule-interval})
     * @throws IllegalArgumentException when there are no stages, they last 0, a target is negative or the
     *     interval is shorter than 1 µs; validation reports these by flag before they get here
     */
    public StagesCalculator(List<Stage> stages, Duration interval) {
        this.stages = List.copyOf(stages);
        this.intervalMicros = interval.toNanos() / 1_000;
        if (intervalMicros <= 0) {
            throw new IllegalArgumentException("interval must be >= 1µs, got " + interval);
        }
        this.roundNanos = intervalMicros * 1_000;
        int n = this.stages.size();
        startNanos = new long[n];
        from = new long[n];
        twiceBefore = new BigInteger[n];
        long t = 0;
        long level = 0;
        BigInteger twice = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            Stage s = this.stages.get(i);
            if (s.target() < 0) {
                throw new IllegalArgumentException("stage " + (i + 1) + " targets " + s.target() + " rps");
            }
            long d = s.duration().toNanos();
            startNanos[i] = t;
            from[i] = level;
            twiceBefore[i] = twice;
            twice = twice.add(BigInteger.valueOf(level).add(BigInteger.valueOf(s.target()))
                    .multiply(BigInteger.valueOf(d)));
            t = Math.addExact(t, d);
            level = s.target();
        }
        if (t <= 0) {
            throw new IllegalArgumentException("the stages last 0s");
        }
        this.lengthNanos = t;
        this.rounds = (t + roundNanos - 1) / roundNanos;
    }

    @Override
    double step() {
        lastPosition = position;
        double rate = requestsInRound(position) / (double) intervalMicros;
        position = Math.min(position + 1, rounds);
        return rate;
    }

    /** True once every round of the shape has been planned (and the last one was sent). */
    @Override
    public boolean finished() {
        return position >= rounds && !repeating();
    }

    /** Rounds the shape lasts (the last one may end with the shape, before the interval's end). */
    public long rounds() {
        return rounds;
    }

    /** Micro-requests (10⁻⁶ of a request) the shape plans in round {@code p}: {@code M(end) − M(start)}. */
    long requestsInRound(long p) {
        if (p >= rounds) {
            return 0;
        }
        long start = p * roundNanos;
        long end = Math.min(lengthNanos, start + roundNanos);
        return microRequestsUntil(end) - microRequestsUntil(start);
    }

    /** {@code M(t)}: the integral of the rate from the shape's start to {@code t} ns, in whole micro-requests. */
    long microRequestsUntil(long t) {
        int i = stageAt(t);
        long d = stages.get(i).duration().toNanos();
        if (d == 0 || t >= lengthNanos) {
            BigInteger twice = i == stages.size() - 1 && t >= lengthNanos
                    ? twiceBefore[i].add(BigInteger.valueOf(from[i]).add(BigInteger.valueOf(stages.get(i).target()))
                            .multiply(BigInteger.valueOf(d)))
                    : twiceBefore[i];
            return twice.divide(NANOS_PER_MICRO.shiftLeft(1)).longValueExact();
        }
        // 2D·E = D·twiceBefore + 2D·a·τ + (b − a)·τ², all in rps·ns; E / 1000 is micro-requests
        BigInteger tau = BigInteger.valueOf(t - startNanos[i]);
        BigInteger bigD = BigInteger.valueOf(d);
        BigInteger a = BigInteger.valueOf(from[i]);
        BigInteger slope = BigInteger.valueOf(stages.get(i).target() - from[i]);
        BigInteger numerator = bigD.multiply(twiceBefore[i]).add(bigD.shiftLeft(1).multiply(a).multiply(tau))
                .add(slope.multiply(tau).multiply(tau));
        // non-negative: the integral of a non-negative rate
        return numerator.divide(bigD.shiftLeft(1).multiply(NANOS_PER_MICRO)).longValueExact();
    }

    /** The stage in which shape time {@code t} lies: the last one starting at or before it with a duration. */
    private int stageAt(long t) {
        int found = 0;
        for (int i = 0; i < stages.size(); i++) {
            if (startNanos[i] <= t) {
                found = i;
            }
        }
        return found;
    }

    /** {@code stage 2/3}: the stage in which the round planned last starts; {@code done} after the last. */
    @Override
    public String position() {
        if (!started()) {
            return "";
        }
        int i = stageAt(lastPosition * roundNanos);
        return "stage " + (i + 1) + "/" + stages.size();
    }

    @Override
    public String toString() {
        return "stages(" + stages.size() + " over " + lengthNanos / 1_000_000 + " ms)";
    }
}
