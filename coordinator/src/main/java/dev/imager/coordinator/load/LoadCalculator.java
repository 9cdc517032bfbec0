package dev.imager.coordinator.load;

import java.util.List;
import java.util.OptionalDouble;

/**
 * Decides the total request rate of each round: the original imager's load-calculator abstraction
 * and the plug-in API for custom profiles (see {@link LoadCalculatorFactory}).
 *
 * <p>Pure logic: implementations read no clock and start no threads; the run loop passes the round
 * number in and delivers observations of completed rounds, so calculators are tested with tables.
 * Both methods are called from the run loop's thread only.
 */
public interface LoadCalculator {

    /**
     * Requests per second for round {@code round} (rounds numbered from 0, increasing, called once
     * each). Never negative.
     */
    double nextRate(long round);

    /**
     * Round {@code round}, whose rate {@link #nextRate} just returned, cannot be sent: no worker is live or the
     * target cannot be resolved. Called at once, before the next {@link #nextRate}. The round still completes
     * (its requests counted dropped, with the reason) and is observed with {@code notSent} set. Default: ignore;
     * the pure profiles pause, so the first round sent again gets this round's rate, as the original, which did
     * not advance its profile on a tick without executors or targets.
     */
    default void roundNotSent(long round) {
    }

    /**
     * Observation of a completed round, delivered in round order, only for rounds planned from this
     * calculator. Default: ignore.
     */
    default void observe(RoundObservation observation) {
    }

    /**
     * True when this calculator wants {@link #observePartial} calls: results of rounds still running, so it
     * can act on a verdict the rest of the round cannot change (for a search, a failure already certain).
     */
    default boolean observesPartialRounds() {
        return false;
    }

    /**
     * What a round still running has reported so far: {@code planned} is the whole round's, the outcomes and
     * latencies only those in so far. Called repeatedly (whenever more came in), in no particular round
     * order, only when {@link #observesPartialRounds()}. The complete observation still follows.
     */
    default void observePartial(RoundObservation partial) {
    }

    /**
     * True once the profile has no more rounds (a load shape that ran its course): the run then ends as when
     * {@code --duration} is reached. Asked before each round is planned. Default: never.
     */
    default boolean finished() {
        return false;
    }

    /**
     * Where a load shape stands, for the progress line and the status (e.g. {@code stage 2/3}); empty for
     * calculators without a shape.
     */
    default String position() {
        return "";
    }

    /** Phase for progress/metrics: "profile" for pure profiles; "ramp", "recovery", "search", "steady" for adaptive. */
    default String phase() {
        return "profile";
    }

    /** Every adaptive probe so far with its verdict (empty for pure profiles). */
    default List<AdaptiveProbe> probes() {
        return List.of();
    }

    /** The highest sustainable rate found so far, if this calculator searches for one. */
    default OptionalDouble capacity() {
        return OptionalDouble.empty();
    }

    /** How to read {@link #capacity()} in a report (what bounds it); empty when there is no capacity. */
    default String capacityNote() {
        return "";
    }
}
