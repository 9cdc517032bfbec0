package dev.imager.coordinator.load.adaptive;

import dev.imager.coordinator.load.AdaptiveProbe;
import dev.imager.coordinator.load.AdaptiveProbe.Verdict;
import dev.imager.coordinator.load.LoadCalculator;
import dev.imager.coordinator.load.RoundObservation;
import dev.imager.coordinator.load.adaptive.RoundJudge.Judgement;
import java.util.List;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code adaptive-exponential} capacity search: finds the highest rate the target sustains (p99 of the
 * coordinated-omission corrected latency within {@code -adaptive-max-latency-ms}, or in timeout mode fewer than
 * half the requests timing out; see {@link RoundJudge}) and then holds it.
 *
 * <p>Phases, each in its own class: {@link Ramp} (double from min until a rate fails), {@link Recovery} (after
 * every failure, until the target is healthy again), {@link Bisect} (probes between the highest pass and the
 * lowest failure until the bracket is within the {@link Resolution}: 2 % of its bottom), {@link Steady} (hold
 * the capacity, lower it when it keeps failing, re-probe above it now and then). A rate's verdict comes from a
 * {@link Trial} of one or more rounds, which accounts for noise near the capacity and for a queue that is still
 * short. See {@code docs/load-calculators.md}.
 *
 * <p>This class matches observations to decisions: each decision remembers the first round planned after it;
 * {@link #nextRate(long)} returns the decision's rate until an observation of a round planned at or after that
 * start arrives; observations of earlier rounds are counted, never judged (no lag mismatch, no phantom
 * observation). Rounds still running are judged early when their failure is already certain, and a recovery
 * round as soon as the target is healthy again ({@link #observePartial}). A round the generator limited
 * ({@link RoundObservation#generatorLimited}) is inconclusive: the rate is tried again, and after
 * {@value #GENERATOR_LIMIT_ROUNDS} in a row that rate is the generator's ceiling.
 *
 * <p>{@link #originalSemantics} keeps the original imager's steps (one round per verdict, 10-rps bisection,
 * recovery at 1 rps, no re-probe) with the defect fixes. Memory is bounded (see {@link ProbeHistory}). Pure
 * logic: no clock, no threads; one thread calls it.
 */
public final class AdaptiveExponentialCalculator implements LoadCalculator {

    private static final Logger LOG = LoggerFactory.getLogger(AdaptiveExponentialCalculator.class);

    /** Inconclusive rounds in a row at one rate before it is taken as the generator's ceiling. */
    public static final int GENERATOR_LIMIT_ROUNDS = 3;
    /** Probes kept for the report; older ones are counted and dropped. */
    public static final int DEFAULT_PROBE_HISTORY = SearchSettings.DEFAULT_PROBE_HISTORY;

    private static final String RATE_UNIT = "rps";

    private final long maxLatencyMs;
    private final Search search;
    /** Rounds up to this one have been judged (some early, from partial results): later reports are not. */
    private long lastJudgedRound = Long.MIN_VALUE;
    private int inconclusiveStreak;
    private long ignoredObservations;

    /**
     * Like the original: a negative min or max counts as 0, and max &lt; min lowers min to max (validation
     * rejects both before a run gets here).
     *
     * @param maxLatencyMs p99 limit in milliseconds; 0 = timeout mode
     * @throws IllegalArgumentException when {@code maxLatencyMs < 0}
     */
    public AdaptiveExponentialCalculator(long minRps, long maxRps, long maxLatencyMs) {
        this(minRps, maxRps, maxLatencyMs, SearchSettings.DEFAULT, RATE_UNIT);
    }

    /**
     * The same search, its log lines and capacity note counting in {@code unit}: the closed model's search runs over
     * user counts ({@code -min-rps}/{@code -max-rps} are users there) and says {@code users}.
     */
    public AdaptiveExponentialCalculator(long minRps, long maxRps, long maxLatencyMs, String unit) {
        this(minRps, maxRps, maxLatencyMs, SearchSettings.DEFAULT, unit);
    }

    /**
     * The original imager's search steps: one round per verdict, bisection in 10-rps steps, recovery at 1 rps,
     * a held rate never re-probed. Observation matching, generator limits, fast-failure detection and steady
     * re-validation stay fixed.
     */
    public static AdaptiveExponentialCalculator originalSemantics(long minRps, long maxRps, long maxLatencyMs) {
        return new AdaptiveExponentialCalculator(minRps, maxRps, maxLatencyMs, SearchSettings.ORIGINAL, RATE_UNIT);
    }

    AdaptiveExponentialCalculator(long minRps, long maxRps, long maxLatencyMs, SearchSettings settings) {
        this(minRps, maxRps, maxLatencyMs, settings, RATE_UNIT);
    }

    /** @param unit what the rates count: {@code rps}, or {@code users} in the closed model */
    AdaptiveExponentialCalculator(long minRps, long maxRps, long maxLatencyMs, SearchSettings settings, String unit) {
        if (maxLatencyMs < 0) {
            throw new IllegalArgumentException("max latency must be >= 0 ms (0 = timeout mode), got " + maxLatencyMs);
        }
        this.maxLatencyMs = maxLatencyMs;
        double max = Math.max(0, maxRps);
        this.search = new Search(settings, Math.min(Math.max(0, minRps), max), max, maxLatencyMs, unit);
    }

    @Override
    public double nextRate(long round) {
        search.planned(round);
        return search.rate();
    }

    @Override
    public boolean observesPartialRounds() {
        return true;
    }

    /**
     * Judges a running round early: a failure that the rest of the round cannot undo
     * ({@link RoundJudge#certainFailure}), so the search need not wait for the round's slowest requests while
     * more rounds go out at the failing rate; and in recovery a round whose first half came back healthy
     * ({@link RoundJudge#healthySoFar}).
     */
    @Override
    public void observePartial(RoundObservation o) {
        if (!current(o) || o.round() <= lastJudgedRound) {
            return;
        }
        SearchPhase phase = search.phase();
        if (phase.passesEarly()) {
            RoundJudge.healthySoFar(o, maxLatencyMs).ifPresent(reason -> {
                lastJudgedRound = o.round();
                judged(o, true, reason, false);
            });
            return;
        }
        RoundJudge.certainFailure(o, maxLatencyMs).or(() -> search.trial().risingSoFar(o)).ifPresent(reason -> {
            lastJudgedRound = o.round();
            judged(o, false, reason, false);
        });
    }

    @Override
    public void observe(RoundObservation o) {
        search.completed(o);
        if (o.round() <= lastJudgedRound) {
            ignoredObservations++;
            return;
        }
        lastJudgedRound = Math.max(lastJudgedRound, o.round());
        if (!current(o)) {
            ignoredObservations++;
            LOG.debug("adaptive: round {} ({}) not judged: planned before the current decision ({} at {} "
                    + "from round {})", o.round(), search.amount(o.rate()), search.phase().label(),
                    search.amount(search.rate()), search.decisionStart());
            return;
        }
        if (Math.abs(o.rate() - search.rate()) > 1e-9) {
            LOG.warn("adaptive: round {} was planned at {}, but the current decision is {}", o.round(),
                    search.amount(o.rate()), search.amount(search.rate()));
        }
        Judgement judgement = RoundJudge.judge(o, maxLatencyMs);
        switch (judgement.kind()) {
            case PASS -> judged(o, true, judgement.reason(), true);
            case FAIL -> judged(o, false, judgement.reason(), true);
            case INCONCLUSIVE -> inconclusive(o, judgement.reason());
            default -> throw new IllegalStateException("unhandled judgement " + judgement.kind());
        }
    }

    /** A round of the current decision: planned at or after its start, and planned at all. */
    private boolean current(RoundObservation o) {
        return o.round() >= search.decisionStart() && o.round() <= search.lastPlannedRound();
    }

    private void judged(RoundObservation o, boolean passed, String reason, boolean complete) {
        inconclusiveStreak = 0;
        search.firstRound(o, !complete);
        search.phase().judged(search, o, passed, reason, complete);
    }

    private void inconclusive(RoundObservation o, String reason) {
        inconclusiveStreak++;
        if (search.phase() instanceof Recovery || inconclusiveStreak < GENERATOR_LIMIT_ROUNDS) {
            search.record(o, Verdict.INCONCLUSIVE, reason);
            return;
        }
        double rate = search.rate();
        search.record(o, Verdict.GENERATOR_LIMITED, reason + "; " + inconclusiveStreak + " rounds in a row: taking "
                + search.amount(rate) + " as the load generator's ceiling");
        search.range().generatorLimited(rate);
        inconclusiveStreak = 0;
        search.searchOrSettle();
    }

    @Override
    public String phase() {
        return search.phase().label();
    }

    /** Recorded probes, oldest first (at most {@value #DEFAULT_PROBE_HISTORY}). */
    @Override
    public List<AdaptiveProbe> probes() {
        return search.probes();
    }

    /** The highest rate that passed and has not been invalidated by a later failure at or below it. */
    @Override
    public OptionalDouble capacity() {
        return search.range().highestPass();
    }

    /** What bounds {@link #capacity()}; {@link CapacityLimit#NOT_YET_FOUND} until the search holds a rate. */
    public CapacityLimit limitedBy() {
        if (!(search.phase() instanceof Steady)) {
            return CapacityLimit.NOT_YET_FOUND;
        }
        SearchRange range = search.range();
        if (range.generatorCeiling() < range.lowestFail()) {
            return CapacityLimit.GENERATOR;
        }
        if (range.lowestFail() < Double.POSITIVE_INFINITY) {
            return CapacityLimit.TARGET;
        }
        return search.rate() >= search.max() ? CapacityLimit.MAX_RPS : CapacityLimit.NOT_YET_FOUND;
    }

    /** What bounds the capacity, for the report next to the number, e.g. {@code the target fails at 270 rps}. */
    @Override
    public String capacityNote() {
        SearchRange range = search.range();
        return switch (limitedBy()) {
            case TARGET -> "the target fails at " + search.amount(range.lowestFail());
            case MAX_RPS -> "at least: the target sustained -max-rps";
            case GENERATOR -> "at least: limited by the load generator, which could not drive "
                    + search.amount(range.generatorCeiling());
            case NOT_YET_FOUND -> "still searching (" + phase() + "): the highest rate sustained so far";
        };
    }

    /** One line for the report, e.g. {@code capacity 260 rps (the target fails at 270 rps)}. */
    public String describeCapacity() {
        String capacity = capacity().isPresent() ? search.amount(capacity().getAsDouble()) : "unknown";
        SearchRange range = search.range();
        return switch (limitedBy()) {
            case TARGET -> "capacity " + capacity + " (the target fails at " + search.amount(range.lowestFail()) + ")";
            case MAX_RPS -> "capacity >= " + capacity + " (the target sustained -max-rps)";
            case GENERATOR -> "capacity >= " + capacity + ", limited by the load generator (it could not drive "
                    + search.amount(range.generatorCeiling()) + ")";
            case NOT_YET_FOUND -> "searching (" + phase() + "); highest sustained so far: " + capacity;
        };
    }

    /** First round judged for the current decision ({@link Long#MIN_VALUE} before the first round). */
    public long decisionStartRound() {
        return search.decisionStart();
    }

    /** Observations not judged because their round was planned before the current decision. */
    public long ignoredObservations() {
        return ignoredObservations;
    }

    /** Judged rounds not stored as probes because they repeated their decision's previous verdict. */
    public long repeatedVerdicts() {
        return search.repeatedVerdicts();
    }

    /** Probes dropped from the bounded history. */
    public long droppedProbes() {
        return search.droppedProbes();
    }
}
