package dev.imager.coordinator.load.adaptive;

import dev.imager.coordinator.load.AdaptiveProbe;
import dev.imager.coordinator.load.AdaptiveProbe.Verdict;
import dev.imager.coordinator.load.LoadCalculator;
import dev.imager.coordinator.load.RoundObservation;
import dev.imager.coordinator.load.adaptive.RoundJudge.Judgement;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code adaptive-exponential} capacity search: finds the highest rate the target sustains (p99
 * within {@code -adaptive-max-latency-ms}, or in timeout mode fewer than half the requests timing
 * out; see {@link RoundJudge} for the full failure predicate) and then holds it.
 *
 * <p>Phases, as in the original's state machine:
 * <ol>
 *   <li><b>ramp</b>: start at min, double after every passing round (0 is followed by 1, or by min
 *       when min &gt; 1), capped at max. Passing at max ends the search: <b>steady</b> at max,
 *       "capacity &ge; max" ({@link CapacityLimit#MAX_RPS}).</li>
 *   <li><b>recovery</b>: after any failure, rounds at the recovery rate min(1, max) until one is
 *       healthy, so the next probe starts from a rested target.</li>
 *   <li><b>search</b>: binary search in {@value #SEARCH_GRANULARITY_RPS}-rps steps between the
 *       highest passing rate (low) and the lowest failing rate (high): probe = ⌊(low+high)/2⌋ rounded
 *       down to a multiple of 10 (if that is ≤ low: (low+1) rounded up; if ≥ high: (high−1) rounded
 *       down). A failing probe is followed by recovery, a passing one directly by the next probe.
 *       Converged when high − low ≤ 10 (or no multiple of 10 lies strictly between): the capacity is
 *       low, and the true capacity lies in [low, high).</li>
 *   <li><b>steady</b>: hold the capacity, judging every round. A failure lowers it: the failed
 *       rate becomes the new high, passes at or above it are forgotten, and recovery and search
 *       continue below it.</li>
 * </ol>
 *
 * <p>Fixes of the original's defects, and what imager adds:
 * <ul>
 *   <li><b>Observation matching.</b> Each decision remembers the first round planned after it;
 *       {@link #nextRate(long)} returns the decision's rate until an observation of a round planned
 *       at or after that start arrives; earlier rounds are counted, never judged: no lag mismatch, no
 *       phantom observation.</li>
 *   <li><b>Two rounds per verdict</b> ({@link #DEFAULT_FAILURE_CONFIRMATIONS}): a failure must repeat in the
 *       next round at the same rate (a cold or paused round is not a capacity limit), and a search probe must
 *       pass twice (a rate just above capacity passes its first round, while its queue builds, and fails the
 *       next, which inherits the queue).</li>
 *   <li><b>Early verdicts.</b> A running round whose failure is already certain (more than 1% of its
 *       requests above the limit, or half timed out) is judged from its partial results
 *       ({@link #observePartial}), instead of waiting for its slowest requests while more rounds go out at
 *       the failing rate.</li>
 *   <li><b>Capacity estimate.</b> When the ramp fails, the first overloaded round's queue says roughly where
 *       the target saturated ({@link CapacityEstimate}); the search looks below that first, then checks it.</li>
 *   <li><b>Generator limits.</b> A round the generator limited ({@link RoundObservation#generatorLimited})
 *       is inconclusive: the rate is tried again; after {@value #GENERATOR_LIMIT_ROUNDS} in a row that rate
 *       is the generator's ceiling: "capacity ≥ X, limited by the load generator".</li>
 *   <li><b>Fast failures count</b>: 5xx, 429 and refused connections (see {@link RoundJudge}).</li>
 *   <li><b>Steady re-validates</b> and lowers the held rate instead of oscillating.</li>
 * </ul>
 * {@link #originalSemantics} keeps one round per verdict and plain bisection.
 *
 * <p>Memory is bounded: probes are recorded per decision (repeated identical verdicts of one
 * decision, such as every passing steady round, are counted, not stored) and the history keeps the
 * last {@value #DEFAULT_PROBE_HISTORY}. Pure logic: no clock, no threads; one thread calls it.
 */
public final class AdaptiveExponentialCalculator implements LoadCalculator {

    private static final Logger LOG = LoggerFactory.getLogger(AdaptiveExponentialCalculator.class);

    /** The original's recovery rate: low enough for any target to drain its backlog. */
    public static final double RECOVERY_RPS = 1;
    /** Probes are multiples of this, and the search stops when high − low is at most this. */
    public static final long SEARCH_GRANULARITY_RPS = 10;
    /** Inconclusive rounds in a row at one rate before it is taken as the generator's ceiling. */
    public static final int GENERATOR_LIMIT_ROUNDS = 3;
    /**
     * Failing rounds in a row at one rate before it counts as a failure. One slow round (cold connections,
     * a JIT warm-up, a pause in the target) must not end a ramp: the next round at the same rate, already
     * planned while the first was being judged, confirms or clears it. The original judged one round.
     */
    public static final int DEFAULT_FAILURE_CONFIRMATIONS = 2;
    /** Probes kept for the report; older ones are counted and dropped. */
    public static final int DEFAULT_PROBE_HISTORY = 10_000;

    private enum Phase {
        RAMP, RECOVERY, SEARCH, STEADY;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final double min;
    private final double max;
    private final double recoveryRate;
    private final long maxLatencyMs;
    private final int failureConfirmations;
    private final boolean estimateCapacity;
    private final ProbeHistory history;
    private final SearchRange range;
    /** p50 of the corrected latency of the last passing round: the target's unloaded latency, in µs. */
    private long healthyP50Micros;

    private Phase phase = Phase.RAMP;
    private double rate;
    private long decisionStart = Long.MIN_VALUE;
    private long lastPlannedRound = Long.MIN_VALUE;
    private int inconclusiveStreak;
    private int failStreak;
    private int passStreak;
    /** The first failing round of the current streak: it started from a healthy target, so its queue is the rate's own. */
    private RoundObservation firstFailure;
    private boolean firstFailurePartial;
    /** Rounds up to this one have been judged (some early, from partial results): later reports are not. */
    private long lastJudgedRound = Long.MIN_VALUE;
    /** A ramp failure judged early: its complete observation, when it comes, gives the capacity estimate. */
    private long pendingEstimateRound = Long.MIN_VALUE;
    private Verdict lastVerdict;
    private long ignoredObservations;
    private long repeatedVerdicts;

    /**
     * Like the original: a negative min or max counts as 0, and max &lt; min lowers min to max
     * (validation rejects both before a run gets here).
     *
     * @param maxLatencyMs p99 limit in milliseconds; 0 = timeout mode
     * @throws IllegalArgumentException when {@code maxLatencyMs < 0}
     */
    public AdaptiveExponentialCalculator(long minRps, long maxRps, long maxLatencyMs) {
        this(minRps, maxRps, maxLatencyMs, DEFAULT_FAILURE_CONFIRMATIONS, true, DEFAULT_PROBE_HISTORY);
    }

    /**
     * The original imager's search steps: one failing round is a failure, and the search bisects the whole
     * gap the ramp left (no {@link CapacityEstimate}). Observation matching, generator limits, fast-failure
     * detection and steady re-validation stay fixed.
     */
    public static AdaptiveExponentialCalculator originalSemantics(long minRps, long maxRps, long maxLatencyMs) {
        return new AdaptiveExponentialCalculator(minRps, maxRps, maxLatencyMs, 1, false, DEFAULT_PROBE_HISTORY);
    }

    /**
     * @param failureConfirmations failing rounds in a row at one rate that make it a failure (1 = the
     *     original's behaviour)
     * @param estimateCapacity search first near the capacity an overloaded ramp round suggests
     */
    AdaptiveExponentialCalculator(long minRps, long maxRps, long maxLatencyMs, int failureConfirmations,
            boolean estimateCapacity, int probeHistory) {
        if (maxLatencyMs < 0) {
            throw new IllegalArgumentException("max latency must be >= 0 ms (0 = timeout mode), got " + maxLatencyMs);
        }
        if (failureConfirmations < 1) {
            throw new IllegalArgumentException("failure confirmations must be >= 1, got " + failureConfirmations);
        }
        this.failureConfirmations = failureConfirmations;
        this.estimateCapacity = estimateCapacity;
        this.max = Math.max(0, maxRps);
        this.min = Math.min(Math.max(0, minRps), this.max);
        this.recoveryRate = Math.min(RECOVERY_RPS, this.max);
        this.maxLatencyMs = maxLatencyMs;
        this.history = new ProbeHistory(probeHistory);
        this.range = new SearchRange(this.max, SEARCH_GRANULARITY_RPS);
        this.rate = this.min;
    }

    @Override
    public double nextRate(long round) {
        lastPlannedRound = Math.max(lastPlannedRound, round);
        return rate;
    }

    @Override
    public boolean observesPartialRounds() {
        return true;
    }

    /**
     * Judges a running round early when its failure is already certain ({@link RoundJudge#certainFailure}):
     * an overloaded round shows it within a fraction of a second, while its complete observation waits for
     * its slowest requests (up to the timeout) and more rounds are planned at the failing rate meanwhile.
     */
    @Override
    public void observePartial(RoundObservation o) {
        if (o.round() < decisionStart || o.round() > lastPlannedRound || o.round() <= lastJudgedRound
                || phase == Phase.RECOVERY) {
            return;
        }
        RoundJudge.certainFailure(o, maxLatencyMs).ifPresent(reason -> {
            lastJudgedRound = o.round();
            onFail(o, reason, true);
        });
    }

    @Override
    public void observe(RoundObservation o) {
        if (firstFailurePartial && firstFailure != null && o.round() == firstFailure.round()) {
            // The complete version of a round judged early: keep it for the capacity estimate.
            firstFailure = o;
            firstFailurePartial = false;
        }
        if (o.round() == pendingEstimateRound) {
            pendingEstimateRound = Long.MIN_VALUE;
            estimateFrom(o);
        }
        if (o.round() <= lastJudgedRound) {
            ignoredObservations++;
            return;
        }
        lastJudgedRound = Math.max(lastJudgedRound, o.round());
        if (o.round() < decisionStart || o.round() > lastPlannedRound) {
            ignoredObservations++;
            LOG.debug("adaptive: round {} ({} rps) not judged: planned before the current decision ({} at {} rps "
                    + "from round {})", o.round(), rps(o.rate()), phase.label(), rps(rate), decisionStart);
            return;
        }
        if (Math.abs(o.rate() - rate) > 1e-9) {
            LOG.warn("adaptive: round {} was planned at {} rps, but the current decision is {} rps", o.round(),
                    rps(o.rate()), rps(rate));
        }
        Judgement judgement = RoundJudge.judge(o, maxLatencyMs);
        switch (judgement.kind()) {
            case PASS -> onPass(o, judgement.reason());
            case FAIL -> onFail(o, judgement.reason(), false);
            case INCONCLUSIVE -> onInconclusive(o, judgement.reason());
            default -> throw new IllegalStateException("unhandled judgement " + judgement.kind());
        }
    }

    private void onPass(RoundObservation o, String reason) {
        inconclusiveStreak = 0;
        failStreak = 0;
        healthyP50Micros = o.latency().valueAtPercentileMicros(50);
        switch (phase) {
            case RAMP -> {
                record(o, Verdict.PASS, reason);
                range.passed(rate);
                if (rate >= max) {
                    decide(Phase.STEADY, max);
                } else {
                    decide(Phase.RAMP, rampNext(rate));
                }
            }
            case RECOVERY -> {
                record(o, Verdict.RECOVERY_PASS, reason);
                range.passed(rate);
                searchOrSettle();
            }
            case SEARCH -> {
                // A probe must hold as long as a failure must be confirmed: a rate just above capacity passes
                // its first round (the queue has barely begun) and fails the next, which inherits the queue.
                passStreak++;
                if (passStreak < failureConfirmations) {
                    record(o, Verdict.INCONCLUSIVE, reason + "; passed " + passStreak + " of " + failureConfirmations
                            + " rounds needed: judging the next round at the same rate");
                    return;
                }
                record(o, Verdict.PASS, reason);
                range.passed(rate);
                searchOrSettle();
            }
            case STEADY -> record(o, Verdict.PASS, reason);
            default -> throw new IllegalStateException("unhandled phase " + phase);
        }
    }

    private void onFail(RoundObservation o, String reason, boolean partial) {
        inconclusiveStreak = 0;
        if (phase == Phase.RECOVERY) {
            record(o, Verdict.RECOVERY_FAIL, reason);
            return;
        }
        failStreak++;
        passStreak = 0;
        if (failStreak == 1) {
            firstFailure = o;
            firstFailurePartial = partial;
        }
        if (failStreak < failureConfirmations) {
            record(o, Verdict.INCONCLUSIVE, reason + "; failed " + failStreak + " of " + failureConfirmations
                    + " rounds needed: judging the next round at the same rate");
            return;
        }
        record(o, Verdict.FAIL, phase == Phase.STEADY ? reason + "; lowering the held rate" : reason);
        if (phase == Phase.RAMP && estimateCapacity) {
            // The ramp overshot by up to 2x: estimate where the target saturated, to search there first, from
            // the streak's first round (later ones carry the backlog of the rounds before) once it is complete.
            if (firstFailurePartial) {
                pendingEstimateRound = firstFailure.round();
                    } else {
                estimateFrom(firstFailure);
            }
        }
        range.failed(rate);
        decide(Phase.RECOVERY, recoveryRate);
    }

    private void onInconclusive(RoundObservation o, String reason) {
        inconclusiveStreak++;
        if (phase == Phase.RECOVERY || inconclusiveStreak < GENERATOR_LIMIT_ROUNDS) {
            record(o, Verdict.INCONCLUSIVE, reason);
            return;
        }
        record(o, Verdict.GENERATOR_LIMITED, reason + "; " + inconclusiveStreak + " rounds in a row: taking "
                + rps(rate) + " rps as the load generator's ceiling");
        range.generatorLimited(rate);
        inconclusiveStreak = 0;
        searchOrSettle();
    }

    private void estimateFrom(RoundObservation failing) {
        CapacityEstimate.fromOverload(failing, healthyP50Micros).ifPresent(estimate -> {
            double ceiling = Math.ceil(estimate * CapacityEstimate.CEILING_MARGIN / SEARCH_GRANULARITY_RPS)
                    * SEARCH_GRANULARITY_RPS;
            if (range.estimate(ceiling)) {
                LOG.info("adaptive: the failing round suggests a capacity near {} rps; searching up to {} rps first",
                        rps(estimate), rps(ceiling));
            }
        });
    }

    // Next probe between the highest pass and the lowest failure (or generator ceiling), else hold.
    private void searchOrSettle() {
        OptionalDouble probe = range.nextProbe();
        if (probe.isPresent()) {
            decide(Phase.SEARCH, probe.getAsDouble());
        } else {
            decide(Phase.STEADY, range.highestPass().orElse(recoveryRate));
        }
    }

    private double rampNext(double previous) {
        if (previous <= 0) {
            return max <= 0 ? 0 : Math.max(min, 1);
        }
        return Math.min(max, Math.max(previous * 2, min));
    }

    private void decide(Phase next, double nextRate) {
        double clamped = Math.min(Math.max(nextRate, 0), max);
        if (next == phase && clamped == rate) {
            return;
        }
        phase = next;
        rate = clamped;
        decisionStart = lastPlannedRound == Long.MIN_VALUE ? Long.MIN_VALUE : lastPlannedRound + 1;
        lastVerdict = null;
        inconclusiveStreak = 0;
        failStreak = 0;
        passStreak = 0;
        LOG.info("adaptive: {} at {} rps from round {}", phase.label(), rps(rate), decisionStart);
    }

    // One probe per decision and verdict: a repeat of the previous verdict of the same decision
    // (every passing steady round, every failed recovery round) is only counted.
    private void record(RoundObservation o, Verdict verdict, String reason) {
        if (verdict == lastVerdict) {
            repeatedVerdicts++;
            LOG.debug("adaptive: round {} at {} rps: {} again ({})", o.round(), rps(rate), verdict, reason);
            return;
        }
        lastVerdict = verdict;
        history.add(new AdaptiveProbe(o.round(), rate, o.p99Micros(), o.errorRatio(), o.timeoutRatio(), verdict,
                reason, phase.label()));
        LOG.info("adaptive probe: round {} at {} rps ({}): {}: {}", o.round(), rps(rate), phase.label(), verdict,
                reason);
    }

    @Override
    public String phase() {
        return phase.label();
    }

    /** Recorded probes, oldest first (at most {@value #DEFAULT_PROBE_HISTORY}). */
    @Override
    public List<AdaptiveProbe> probes() {
        return history.list();
    }

    /** The highest rate that passed and has not been invalidated by a later failure at or below it. */
    @Override
    public OptionalDouble capacity() {
        return range.highestPass();
    }

    /** What bounds {@link #capacity()}; {@link CapacityLimit#NOT_YET_FOUND} until the search holds a rate. */
    public CapacityLimit limitedBy() {
        if (phase != Phase.STEADY) {
            return CapacityLimit.NOT_YET_FOUND;
        }
        if (range.generatorCeiling() < range.lowestFail()) {
            return CapacityLimit.GENERATOR;
        }
        if (range.lowestFail() < Double.POSITIVE_INFINITY) {
            return CapacityLimit.TARGET;
        }
        return rate >= max ? CapacityLimit.MAX_RPS : CapacityLimit.NOT_YET_FOUND;
    }

    /** What bounds the capacity, for the report next to the number, e.g. {@code the target fails at 270 rps}. */
    @Override
    public String capacityNote() {
        return switch (limitedBy()) {
            case TARGET -> "the target fails at " + rps(range.lowestFail()) + " rps";
            case MAX_RPS -> "at least: the target sustained -max-rps";
            case GENERATOR -> "at least: limited by the load generator, which could not drive "
                    + rps(range.generatorCeiling()) + " rps";
            case NOT_YET_FOUND -> "still searching (" + phase.label() + "): the highest rate sustained so far";
        };
    }

    /** One line for the report, e.g. {@code capacity 260 rps (the target fails at 270 rps)}. */
    public String describeCapacity() {
        String capacity = capacity().isPresent() ? rps(capacity().getAsDouble()) + " rps" : "unknown";
        return switch (limitedBy()) {
            case TARGET -> "capacity " + capacity + " (the target fails at " + rps(range.lowestFail()) + " rps)";
            case MAX_RPS -> "capacity >= " + capacity + " (the target sustained -max-rps)";
            case GENERATOR -> "capacity >= " + capacity + ", limited by the load generator (it could not drive "
                    + rps(range.generatorCeiling()) + " rps)";
            case NOT_YET_FOUND -> "searching (" + phase.label() + "); highest sustained so far: " + capacity;
        };
    }

    /** First round judged for the current decision ({@link Long#MIN_VALUE} before the first round). */
    public long decisionStartRound() {
        return decisionStart;
    }

    /** Observations not judged because their round was planned before the current decision. */
    public long ignoredObservations() {
        return ignoredObservations;
    }

    /** Judged rounds not stored as probes because they repeated their decision's previous verdict. */
    public long repeatedVerdicts() {
        return repeatedVerdicts;
    }

    /** Probes dropped from the bounded history. */
    public long droppedProbes() {
        return history.dropped();
    }

    private static String rps(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value)
                ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
