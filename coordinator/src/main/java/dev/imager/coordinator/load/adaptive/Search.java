package dev.imager.coordinator.load.adaptive;

import dev.imager.coordinator.load.AdaptiveProbe;
import dev.imager.coordinator.load.AdaptiveProbe.Verdict;
import dev.imager.coordinator.load.RoundObservation;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state every phase of the capacity search works on: the current decision (phase, rate, first round),
 * its {@link Trial}, the {@link SearchRange}, the healthy latency the trend is measured against, the
 * {@link CapacityGuesses} a failed rate gives, and the probe history. Phases change it through {@link #decide},
 * {@link #record}, {@link #recover} and {@link #searchOrSettle}. Pure; one thread.
 */
final class Search {

    private static final Logger LOG = LoggerFactory.getLogger(AdaptiveExponentialCalculator.class);

    private final SearchSettings settings;
    private final double min;
    private final double max;
    private final long limitMicros;
    private final SearchRange range;
    private final ProbeHistory history;

    private SearchPhase phase;
    private double rate;
    private long decisionStart = Long.MIN_VALUE;
    private long lastPlannedRound = Long.MIN_VALUE;
    private Trial trial;
    /** p50 of the corrected latency of the last healthy round, µs (0 = unknown). */
    private long healthyP50Micros;
    /** {@link #healthyP50Micros} when the current decision was made: its trial's baseline. */
    private long trialBaselineMicros;
    private int reprobeInterval;
    private boolean coldStartRetried;
    private Verdict lastVerdict;
    private long repeatedVerdicts;
    /** What the rates count, for the log lines and the report: {@code rps}, or {@code users} in the closed model. */
    private final String unit;
    private final CapacityGuesses guesses;

    /**
     * @param unit what the rates count, for the log lines and the report: {@code rps}, or {@code users} in the closed
     *     model
     */
    Search(SearchSettings settings, double min, double max, long maxLatencyMs, String unit) {
        this.settings = settings;
        this.unit = unit;
        this.min = min;
        this.max = max;
        this.limitMicros = RoundObservation.saturatedMicros(maxLatencyMs);
        this.range = new SearchRange(max, settings.resolution());
        this.history = new ProbeHistory(settings.probeHistory());
        this.guesses = new CapacityGuesses(settings, range, this::amount);
        this.reprobeInterval = settings.reprobeAfterRounds();
        this.phase = new Ramp();
        this.rate = min;
        this.trial = newTrial();
    }

    // ---- the current decision ---------------------------------------------------------------------------

    SearchSettings settings() {
        return settings;
    }

    SearchRange range() {
        return range;
    }

    SearchPhase phase() {
        return phase;
    }

    double rate() {
        return rate;
    }

    double max() {
        return max;
    }

    double min() {
        return min;
    }

    long limitMicros() {
        return limitMicros;
    }

    Trial trial() {
        return trial;
    }

    long decisionStart() {
        return decisionStart;
    }

    long lastPlannedRound() {
        return lastPlannedRound;
    }

    void planned(long round) {
        lastPlannedRound = Math.max(lastPlannedRound, round);
    }

    /** Remembers the decision's first judged round (for the capacity estimate). */
    void firstRound(RoundObservation o, boolean partial) {
        guesses.firstRound(o, partial);
    }

    /**
     * A passing round: unless its decision saw a queue building, its median is the healthy latency that later
     * trends start from.
     */
    void healthy(RoundObservation o) {
        if (!o.latency().isEmpty() && !trial.sawQueue()) {
            healthyP50Micros = o.latency().valueAtPercentileMicros(50);
        }
    }

    // ---- trials ---------------------------------------------------------------------------------------------

    /** A round of the current trial: what the trial makes of it; a round that decides nothing yet is recorded. */
    Trial.Step trialRound(RoundObservation o, boolean passed, String reason, boolean complete) {
        Trial.Step step = trial.add(passed, o, complete, reason);
        if (step.state() == Trial.State.OPEN) {
            record(o, Verdict.INCONCLUSIVE, step.reason());
        }
        return step;
    }

    /** The trial passed the rate: it joins the bracket's passes, and its latency is the healthy level. */
    void ratePassed(RoundObservation o, String reason) {
        record(o, Verdict.PASS, reason);
        healthy(o);
        range.passed(rate);
    }

    /** The trial failed the rate: it tops the bracket, and its first round may say where the capacity is. */
    void rateFailed(RoundObservation o, String reason) {
        record(o, Verdict.FAIL, reason);
        guesses.failed(o, rate, decisionStart, trialBaselineMicros, trial);
        range.failed(rate);
    }

    /** Moves to {@code next} at {@code nextRate} from the first round not planned yet. */
    void decide(SearchPhase next, double nextRate) {
        double clamped = Math.min(Math.max(nextRate, 0), max);
        phase = next;
        rate = clamped;
        decisionStart = lastPlannedRound == Long.MIN_VALUE ? Long.MIN_VALUE : lastPlannedRound + 1;
        lastVerdict = null;
        trial = newTrial();
        guesses.decided(next instanceof Recovery);
        LOG.info("adaptive: {} at {} from round {}", phase.label(), amount(rate), decisionStart);
    }

    private Trial newTrial() {
        trialBaselineMicros = healthyP50Micros;
        return new Trial(settings, limitMicros, healthyP50Micros);
    }

    /** After a failure: recovery at the recovery rate, then the next probe. */
    void recover() {
        decide(new Recovery(), recoveryRate(rate));
    }

    /** True when the current decision started in the run's first rounds and no cold-start retry was used yet. */
    boolean coldStart() {
        return settings.coldStartRounds() > 0 && !coldStartRetried && decisionStart < settings.coldStartRounds();
    }

    /** A cold start failed the current ramp rate: recover, then try the rate again (once per run). */
    void retryAfterRecovery() {
        coldStartRetried = true;
        double again = rate;
        decide(new Recovery(again), recoveryRate(rate));
    }

    /**
     * The recovery rate after a failure at {@code failed}: {@link SearchSettings#recoveryShare()} of the highest
     * passing rate (of the failed rate when nothing passed yet), so the round has enough requests to say
     * whether the target is healthy while it drains its backlog; min(1, max) in the original's semantics.
     */
    double recoveryRate(double failed) {
        double floor = Math.min(1, max);
        if (settings.recoveryShare() <= 0) {
            return floor;
        }
        double base = range.highestPass().orElse(failed);
        return Math.max(floor, range.resolution().floorToGrain(base * settings.recoveryShare()));
    }

    /** Next probe between the highest pass and the lowest failure (or generator ceiling), else hold. */
    void searchOrSettle() {
        OptionalDouble probe = range.nextProbe();
        if (probe.isPresent()) {
            decide(new Bisect(false), probe.getAsDouble());
        } else {
            decide(new Steady(settings.steadyWindow()), range.highestPass().orElse(recoveryRate(rate)));
        }
    }

    // ---- the capacity estimate -----------------------------------------------------------------------------

    /** The complete observation of a round judged before: it may carry a pending estimate. */
    void completed(RoundObservation o) {
        if (guesses.completed(o, rate, decisionStart)) {
            confirmByQueue(o);
        }
        guesses.awaited(o);
    }

    /**
     * The decision's first round failed early and is now complete: when its queue says the capacity is far below
     * the rate ({@link CapacityEstimate#SEVERE}), that is an overload, not a blip, and it needs no second round;
     * waiting for one would only send another round into the backlog (its own results come late).
     */
    private void confirmByQueue(RoundObservation o) {
        if (!settings.estimateCapacity() || !(phase instanceof Ramp || phase instanceof Bisect) || !trial.failedOnce()) {
            return;
        }
        CapacityEstimate.fromOverload(o, trialBaselineMicros).ifPresent(estimate -> {
            if (estimate <= CapacityEstimate.SEVERE * o.rate()) {
                phase.judged(this, o, false, "the round's queue climbed to p99 " + RoundJudge.ms(o.p99Micros())
                        + ", as at a capacity near " + amount(Math.round(estimate)) + ": an overload, not a blip", true);
            }
        });
    }

    // ---- steady re-probes ------------------------------------------------------------------------------------

    /** Passing steady rounds before the next probe above the held rate; 0 = never. */
    int reprobeInterval() {
        return reprobeInterval;
    }

    void reprobeFailed() {
        reprobeInterval = Math.min(reprobeInterval * 2, settings.reprobeAfterRounds() * 8);
    }

    void reprobePassed() {
        reprobeInterval = settings.reprobeAfterRounds();
    }

    // ---- probes ------------------------------------------------------------------------------------------------

    /**
     * Keeps a judged round for the report. One probe per decision and verdict: a repeat of the decision's
     * previous verdict (every passing steady round, every failed recovery round) is only counted.
     */
    void record(RoundObservation o, Verdict verdict, String reason) {
        record(o, verdict, reason, false);
    }

    /** As {@link #record(RoundObservation, Verdict, String)}; {@code concludes}: always kept, it ends the decision. */
    void record(RoundObservation o, Verdict verdict, String reason, boolean concludes) {
        if (verdict == lastVerdict && !concludes) {
            repeatedVerdicts++;
            LOG.debug("adaptive: round {} at {}: {} again ({})", o.round(), amount(rate), verdict, reason);
            return;
        }
        lastVerdict = verdict;
        history.add(new AdaptiveProbe(o.round(), rate, o.p99Micros(), o.errorRatio(), o.timeoutRatio(), verdict,
                reason, phase.label()));
        LOG.info("adaptive probe: round {} at {} ({}): {}: {}", o.round(), amount(rate), phase.label(), verdict,
                reason);
    }

    List<AdaptiveProbe> probes() {
        return history.list();
    }

    long repeatedVerdicts() {
        return repeatedVerdicts;
    }

    long droppedProbes() {
        return history.dropped();
    }

    /** {@code value} with the unit the search counts in: {@code 270 rps}, or {@code 16 users} in the closed model. */
    String amount(double value) {
        return rps(value) + " " + unit;
    }

    static String rps(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value)
                ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
