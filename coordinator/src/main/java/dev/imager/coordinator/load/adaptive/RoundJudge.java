package dev.imager.coordinator.load.adaptive;

import dev.imager.coordinator.load.RoundObservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The adaptive search's verdict on one round: did the target sustain the rate, fail, or can the
 * round not tell (the generator limited it)?
 *
 * <p>Failure predicate, checked after the generator-limited rule
 * ({@link RoundObservation#generatorLimited(long)}):
 * <ul>
 *   <li>latency mode ({@code maxLatencyMs > 0}): corrected p99 &gt; limit, or</li>
 *   <li>timeout ratio &ge; {@link RoundObservation#TIMEOUT_RATIO_LIMIT} (both modes), or</li>
 *   <li>target-error ratio &ge; {@link RoundObservation#TARGET_ERROR_RATIO_LIMIT} (both modes; new in
 *       imager: the original ignored targets failing fast with 5xx or refused connections).</li>
 * </ul>
 */
final class RoundJudge {

    enum Kind { PASS, FAIL, INCONCLUSIVE }

    record Judgement(Kind kind, String reason) {
    }

    private RoundJudge() {
    }

    static Judgement judge(RoundObservation o, long maxLatencyMs) {
        if (o.rate() <= 0 && o.planned() == 0) {
            return new Judgement(Kind.PASS, "rate 0: nothing to send");
        }
        if (o.generatorLimited(maxLatencyMs)) {
            return new Judgement(Kind.INCONCLUSIVE, generatorReason(o));
        }
        long sent = o.outcomes().sent();
        List<String> failures = new ArrayList<>();
        if (maxLatencyMs > 0 && o.p99Micros() > RoundObservation.saturatedMicros(maxLatencyMs)) {
            failures.add("p99 " + ms(o.p99Micros()) + " > limit " + maxLatencyMs + " ms");
        }
        if (o.timeoutRatio() >= RoundObservation.TIMEOUT_RATIO_LIMIT) {
            failures.add(o.timeouts() + " of " + sent + " requests timed out or got 503/504 ("
                    + percent(o.timeoutRatio()) + " >= " + percent(RoundObservation.TIMEOUT_RATIO_LIMIT) + ")");
        }
        if (o.targetErrorRatio() >= RoundObservation.TARGET_ERROR_RATIO_LIMIT) {
            failures.add(o.targetErrors() + " of " + sent + " requests failed with 5xx, 429 or connect errors ("
                    + percent(o.targetErrorRatio()) + " >= " + percent(RoundObservation.TARGET_ERROR_RATIO_LIMIT) + ")");
        }
        if (!failures.isEmpty()) {
            return new Judgement(Kind.FAIL, String.join("; ", failures));
        }
        String latency = maxLatencyMs > 0 ? "p99 " + ms(o.p99Micros()) + " <= limit " + maxLatencyMs + " ms, " : "";
        return new Judgement(Kind.PASS, latency + "timeouts " + percent(o.timeoutRatio()) + ", target errors "
                + percent(o.targetErrorRatio()));
    }

    /**
     * A failure that the rest of a running round cannot undo, from what it has reported so far: more than 1%
     * of its planned requests already above the latency limit (its p99 will be above it), or half of them
     * already timed out or failed fast. When the generator lags, only requests slower than the limit plus its
     * send-lag p99 count (the lateness is in the corrected latency); rounds where it dropped requests or lost
     * results are left to their complete observation, which may find the generator, not the target, at fault.
     */
    static Optional<String> certainFailure(RoundObservation partial, long maxLatencyMs) {
        long planned = partial.planned();
        if (planned <= 0 || partial.outcomes().dropped() > 0 || partial.lost() > 0) {
            return Optional.empty();
        }
        if (maxLatencyMs > 0) {
            // A late send adds its lateness to the corrected latency: count only what the lag cannot explain.
            long lag = partial.sendLag().valueAtPercentileMicros(99.0);
            long allowance = lag > RoundObservation.SEND_LAG_LIMIT_MICROS ? lag : 0;
            long above = partial.latency().countAbove(RoundObservation.saturatedMicros(maxLatencyMs) + allowance);
            if (above > planned / 100 + 1) {
                return Optional.of(above + " of " + planned + " requests already took more than "
                        + (allowance > 0 ? maxLatencyMs + " ms plus the generator's send lag (" + ms(lag) + ")"
                                : maxLatencyMs + " ms") + ": p99 will be above the limit");
            }
        }
        long timeouts = partial.timeouts();
        if (timeouts * 2 >= planned) {
            return Optional.of(timeouts + " of " + planned + " requests already timed out or got 503/504");
        }
        long errors = partial.targetErrors();
        if (errors * 2 >= planned) {
            return Optional.of(errors + " of " + planned + " requests already failed with 5xx, 429 or connect errors");
        }
        return Optional.empty();
    }

    /**
     * A recovery round still running that already shows the target healthy again: at least 40 % of its planned
     * requests are back, at most a quarter of them above the latency limit (the first ones may still have waited
     * for the tail of the backlog; latency falls as a backlog drains, so the later ones were within it), none
     * timed out or failed with 5xx, 429 or connect errors, and the generator kept to the plan.
     */
    static Optional<String> healthySoFar(RoundObservation partial, long maxLatencyMs) {
        long planned = partial.planned();
        long back = partial.outcomes().sent();
        if (planned <= 0 || back * 5 < planned * 2 || partial.outcomes().dropped() > 0 || partial.lost() > 0
                || partial.timeouts() > 0 || partial.targetErrors() > 0
                || partial.sendLag().valueAtPercentileMicros(99.0) > RoundObservation.SEND_LAG_LIMIT_MICROS) {
            return Optional.empty();
        }
        long slow = maxLatencyMs > 0 ? partial.latency().countAbove(RoundObservation.saturatedMicros(maxLatencyMs)) : 0;
        if (slow * 4 > back) {
            return Optional.empty();
        }
        String latency = maxLatencyMs > 0 ? (slow == 0 ? "every one within " + maxLatencyMs + " ms"
                : "all but " + slow + " within " + maxLatencyMs + " ms") : "none timed out";
        return Optional.of(back + " of " + planned + " requests back, " + latency + ": the backlog is gone");
    }

    private static String generatorReason(RoundObservation o) {
        if (o.notSent()) {
            return "nothing sent: no live worker or target";
        }
        if (o.lost() > 0) {
            return o.lost() + " of " + o.planned() + " requests lost (job not acknowledged or worker gone)";
        }
        if (o.outcomes().sent() == 0) {
            return "none of " + o.planned() + " planned requests was sent";
        }
        return "generator-limited: " + o.outcomes().dropped() + " requests dropped, send lag p99 "
                + ms(o.sendLag().valueAtPercentileMicros(99.0)) + ", while the target's service time p99 "
                + ms(o.serviceTime().valueAtPercentileMicros(99.0)) + " is within limits";
    }

    /** Microseconds as milliseconds, e.g. {@code 350 ms} or {@code 1.5 ms}. */
    static String ms(long micros) {
        return trim(micros / 1000.0) + " ms";
    }

    static String percent(double ratio) {
        return trim(ratio * 100) + "%";
    }

    private static String trim(double value) {
        String s = String.format(Locale.ROOT, "%.1f", value);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
