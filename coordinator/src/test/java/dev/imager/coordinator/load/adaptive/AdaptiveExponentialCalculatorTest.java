package dev.imager.coordinator.load.adaptive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imager.coordinator.load.AdaptiveProbe;
import dev.imager.coordinator.load.AdaptiveProbe.Verdict;
import dev.imager.coordinator.load.Obs;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Traces of the adaptive search with observations arriving before the next round is planned
 * (zero lag); lag is covered by the matching tests below and by {@link AdaptiveSearchSimulationTest}.
 * Each row: the rate the round is planned at, what the round shows, the rate planned next.
 */
class AdaptiveExponentialCalculatorTest {

    static final UnaryOperator<Obs> OK = o -> o;

    static UnaryOperator<Obs> p99(double ms) {
        return o -> o.p99Ms(ms);
    }

    record Row(double planned, UnaryOperator<Obs> outcome, double next) {
    }

    static Row row(double planned, UnaryOperator<Obs> outcome, double next) {
        return new Row(planned, outcome, next);
    }

    /** Runs rows from round {@code start}; returns the next round number. */
    static long trace(AdaptiveExponentialCalculator calc, long start, Row... rows) {
        long round = start;
        for (Row r : rows) {
            double rate = calc.nextRate(round);
            assertThat(rate).as("rate of round %d", round).isEqualTo(r.planned());
            calc.observe(r.outcome().apply(Obs.at(round, rate)).build());
            round++;
            assertThat(calc.nextRate(round)).as("rate after round %d (%s)", round - 1, calc.phase())
                    .isEqualTo(r.next());
        }
        return round;
    }

    @Test
    void originalLatencyTrace() {
        AdaptiveExponentialCalculator calc = AdaptiveExponentialCalculator.originalSemantics(10, 500, 200);
        trace(calc, 0,
                row(10, OK, 20),           // ramp: 10 passes, double
                row(20, OK, 40),           // ramp: 20 passes, double
                row(40, p99(350), 1),      // ramp: p99 350 ms > 200 ms fails: recovery at 1 rps
                row(1, OK, 30),            // recovery passes: probe between 20 (pass) and 40 (fail)
                row(30, p99(350), 1),      // probe fails: recovery
                row(1, OK, 20));           // recovery passes; gap 20..30 = 10: converged, steady at 20
        assertThat(calc.phase()).isEqualTo("steady");
        assertThat(calc.capacity()).hasValue(20);
        assertThat(calc.limitedBy()).isEqualTo(CapacityLimit.TARGET);
        assertThat(calc.describeCapacity()).isEqualTo("capacity 20 rps (the target fails at 30 rps)");
        assertThat(calc.probes()).extracting(AdaptiveProbe::verdict).containsExactly(Verdict.PASS, Verdict.PASS,
                Verdict.FAIL, Verdict.RECOVERY_PASS, Verdict.FAIL, Verdict.RECOVERY_PASS);
        assertThat(calc.probes()).extracting(AdaptiveProbe::phase)
                .containsExactly("ramp", "ramp", "ramp", "recovery", "search", "recovery");
    }

    @Test
    void originalTimeoutModeTrace() {
        AdaptiveExponentialCalculator calc = AdaptiveExponentialCalculator.originalSemantics(10, 500, 0);
        trace(calc, 0,
                row(10, o -> o.timeouts(4).p99Ms(5000), 20),  // 4/10 timeouts (0.4 < 0.5) pass; latency ignored
                row(20, o -> o.timeouts(10), 1));              // 10/20 timeouts (0.5) fail: recovery
        assertThat(calc.phase()).isEqualTo("recovery");
    }

    @Test
    void probeRecordsTheRoundsNumbers() {
        AdaptiveExponentialCalculator calc = AdaptiveExponentialCalculator.originalSemantics(10, 500, 200);
        trace(calc, 0, row(10, OK, 20), row(20, p99(350), 1));
        AdaptiveProbe fail = calc.probes().get(1);
        assertThat(fail.round()).isEqualTo(1);
        assertThat(fail.rate()).isEqualTo(20);
        assertThat(fail.p99Micros()).isBetween(350_000L, 350_500L);
        assertThat(fail.errorRatio()).isZero();
        assertThat(fail.timeoutRatio()).isZero();
        assertThat(fail.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(fail.reason()).isEqualTo("p99 350.2 ms > limit 200 ms");
        assertThat(fail.phase()).isEqualTo("ramp");
    }

    @Test
    void rampReachingMaxHoldsMaxAndReportsAtLeastMax() {
        AdaptiveExponentialCalculator calc = AdaptiveExponentialCalculator.originalSemantics(10, 100, 200);
        long next = trace(calc, 0,
                row(10, OK, 20),    // ramp
                row(20, OK, 40),    // ramp
                row(40, OK, 80),    // ramp
                row(80, OK, 100),   // ramp capped at max
                row(100, OK, 100),  // max passes: steady at max
                row(100, OK, 100)); // steady keeps validating
        assertThat(next).isEqualTo(6);
        assertThat(calc.phase()).isEqualTo("steady");
        assertThat(calc.limitedBy()).isEqualTo(CapacityLimit.MAX_RPS);
        assertThat(calc.describeCapacity()).isEqualTo("capacity >= 100 rps (the target sustained -max-rps)");
    }

    @Test
    void minZeroRampsFromOne() {
        AdaptiveExponentialCalculator calc = AdaptiveExponentialCalculator.originalSemantics(0, 100, 200);
        trace(calc, 0,
                row(0, o -> o.notSent(), 1),   // rate 0 has nothing to send: trivially passes
                row(1, OK, 2),                 // then doubles from 1
                row(2, OK, 4));
    }

    @Test
    void failureAtMinGoesToRecoveryAndSearchesBelowMin() {
        AdaptiveExponentialCalculator calc = AdaptiveExponentialCalculator.originalSemantics(100, 500, 200);
        trace(calc, 0,
                row(100, p99(900), 1),  // min itself fails: recovery
                row(1, OK, 50),         // recovery at 1 passed: probe between 1 and 100
                row(50, OK, 70),        // passes: next probe (no recovery after a pass)
                row(70, OK, 80),        // between 70 and 100: 80 (85 rounded down)
                row(80, p99(900), 1),   // fails: recovery
                row(1, OK, 70));        // 70..80: converged at 70
        assertThat(calc.capacity()).hasValue(70);
    }

    @Test
    void recoveryRepeatsUntilHealthyAndStoresOneProbePerStreak() {
        AdaptiveExponentialCalculator calc = AdaptiveExponentialCalculator.originalSemantics(10, 500, 200);
        trace(calc, 0,
                row(10, OK, 20),          // ramp
                row(20, p99(900), 1),     // fail: recovery
                row(1, p99(900), 1),      // target still recovering
                row(1, p99(900), 1),      // ... still
                row(1, OK, 10));          // healthy: probe between 10 and 20 has no multiple of 10 inside -> steady 10
        assertThat(calc.phase()).isEqualTo("steady");
        assertThat(calc.probes()).extracting(AdaptiveProbe::verdict)
                .containsExactly(Verdict.PASS, Verdict.FAIL, Verdict.RECOVERY_FAIL, Verdict.RECOVERY_PASS);
        assertThat(calc.repeatedVerdicts()).isEqualTo(1);
    }

    @Test
    void fastFailingTargetFails() {
        // The original passed a target answering 500 instantly; imager fails the round.
        AdaptiveExponentialCalculator calc = AdaptiveExponentialCalculator.originalSemantics(10, 500, 200);
        trace(calc, 0,
                row(10, OK, 20),                        // ramp
                row(20, o -> o.status(500, 15), 1));    // 75% 500s in 1 ms: fail
        assertThat(calc.probes().get(1).reason()).contains("failed with 5xx, 429 or connect errors");
        assertThat(calc.probes().get(1).errorRatio()).isEqualTo(0.75);
    }

    @Test
    void theClosedModelsSearchSpeaksOfUsers() {
        // The same trace as originalLatencyTrace, its rates user counts.
        AdaptiveExponentialCalculator calc = new AdaptiveExponentialCalculator(10, 500, 200, SearchSettings.ORIGINAL,
                "users");
        trace(calc, 0, row(10, OK, 20), row(20, OK, 40), row(40, p99(350), 1), row(1, OK, 30), row(30, p99(350), 1),
                row(1, OK, 20));
        assertThat(calc.describeCapacity()).isEqualTo("capacity 20 users (the target fails at 30 users)");
        assertThat(calc.capacityNote()).isEqualTo("the target fails at 30 users");
    }

    @Test
    void steadyRevalidatesAndLowersTheHeldRate() {
        AdaptiveExponentialCalculator calc = AdaptiveExponentialCalculator.originalSemantics(10, 500, 200);
        long round = trace(calc, 0,
                row(10, OK, 20), row(20, OK, 40), row(40, OK, 80),   // ramp
                row(80, p99(900), 1),    // fail at 80: recovery
                row(1, OK, 60),          // probe between 40 and 80
                row(60, OK, 70),         // pass: probe 70
                row(70, OK, 70),         // pass: 70..80 converged, steady 70
                row(70, OK, 70),         // steady passes (not stored again)
                row(70, p99(900), 1),    // steady fails: passes >= 70 forgotten, recovery
                row(1, OK, 60));         // highest remaining pass 60, fail 70: converged at 60
        assertThat(round).isEqualTo(10);
        assertThat(calc.phase()).isEqualTo("steady");
        assertThat(calc.capacity()).hasValue(60);
        assertThat(calc.describeCapacity()).isEqualTo("capacity 60 rps (the target fails at 70 rps)");
        assertThat(calc.probes()).extracting(AdaptiveProbe::verdict).containsSubsequence(Verdict.PASS, Verdict.FAIL,
                Verdict.RECOVERY_PASS);
        assertThat(calc.probes().get(calc.probes().size() - 2).reason()).endsWith("; lowering the held rate");
    }

    @Test
    void steadyFailureReSearchesWhenTheGapIsWide() {
        AdaptiveExponentialCalculator calc = AdaptiveExponentialCalculator.originalSemantics(10, 500, 200);
        trace(calc, 0,
                row(10, OK, 20), row(20, OK, 40), row(40, OK, 80), row(80, OK, 160), // ramp
                row(160, OK, 320),        // ramp
                row(320, p99(900), 1),    // fail
                row(1, OK, 240),          // probe 240
                row(240, OK, 280),        // probe 280
                row(280, p99(900), 1),    // fail
                row(1, OK, 260),          // probe 260
                row(260, OK, 270),        // probe 270
                row(270, p99(900), 1),    // fail
                row(1, OK, 260),          // converged: steady 260
                row(260, p99(900), 1),    // the target got slower: recovery
                row(1, OK, 250),          // re-search between 240 and 260: 250
                row(250, OK, 250));       // passes: 250..260 converged, steady 250
        assertThat(calc.phase()).isEqualTo("steady");
    }

    @Test
    void generatorLimitedRoundsAreRetriedThenCapTheSearch() {
        AdaptiveExponentialCalculator calc = AdaptiveExponentialCalculator.originalSemantics(10, 1000, 200);
        UnaryOperator<Obs> saturated = o -> o.dropped(30).p99Ms(900).serviceMs(20);
        trace(calc, 0,
                row(10, OK, 20), row(20, OK, 40), row(40, OK, 80), row(80, OK, 160), // ramp
                row(160, OK, 320),         // ramp
                row(320, saturated, 320),  // generator dropped requests, target fine: retry
                row(320, saturated, 320),  // again
                row(320, saturated, 240),  // third time: 320 is the generator's ceiling; probe below it
                row(240, OK, 280),         // passes
                row(280, OK, 300),         // passes
                row(300, OK, 310),         // passes: 310 is the last multiple of 10 below 320
                row(310, saturated, 310),  // generator again
                row(310, saturated, 310),
                row(310, saturated, 300)); // ceiling 310: 300..310 converged, hold 300
        assertThat(calc.phase()).isEqualTo("steady");
        assertThat(calc.limitedBy()).isEqualTo(CapacityLimit.GENERATOR);
        assertThat(calc.describeCapacity())
                .isEqualTo("capacity >= 300 rps, limited by the load generator (it could not drive 310 rps)");
        assertThat(calc.probes()).extracting(AdaptiveProbe::verdict)
                .containsSubsequence(Verdict.INCONCLUSIVE, Verdict.GENERATOR_LIMITED, Verdict.PASS,
                        Verdict.INCONCLUSIVE, Verdict.GENERATOR_LIMITED)
                .doesNotContain(Verdict.FAIL);
        assertThat(calc.probes()).filteredOn(p -> p.verdict() == Verdict.GENERATOR_LIMITED)
                .extracting(AdaptiveProbe::reason).first().asString()
                .endsWith("; 3 rounds in a row: taking 320 rps as the load generator's ceiling");
    }

    @Test
    void aConclusiveRoundResetsTheInconclusiveStreak() {
        AdaptiveExponentialCalculator calc = AdaptiveExponentialCalculator.originalSemantics(10, 500, 200);
        UnaryOperator<Obs> lost = o -> o.lost(1);
        trace(calc, 0,
                row(10, lost, 10),      // results lost: retry
                row(10, lost, 10),      // twice
                row(10, OK, 20),        // conclusive pass: streak over, ramp on
                row(20, lost, 20),      // a new streak starts at 1
                row(20, lost, 20));     // 2 of 3: still retrying
        assertThat(calc.phase()).isEqualTo("ramp");
    }

    @Test
    void noWorkersDuringRecoveryJustWaits() {
        AdaptiveExponentialCalculator calc = AdaptiveExponentialCalculator.originalSemantics(10, 500, 200);
        trace(calc, 0,
                row(10, p99(900), 1),                  // fail: recovery
                row(1, o -> o.notSent(), 1),           // nothing sent: retry, never a generator ceiling at 1 rps
                row(1, o -> o.notSent(), 1),
                row(1, o -> o.notSent(), 1),
                row(1, o -> o.notSent(), 1),
                row(1, OK, 1));                        // recovery passes: 1..10 converged, hold 1
        assertThat(calc.probes()).extracting(AdaptiveProbe::verdict).containsExactly(Verdict.FAIL,
                Verdict.INCONCLUSIVE, Verdict.RECOVERY_PASS);
    }

    @Test
    void observationsOfRoundsPlannedBeforeADecisionAreNotJudged() {
        AdaptiveExponentialCalculator calc = AdaptiveExponentialCalculator.originalSemantics(10, 500, 200);
        // Rounds 0-2 are planned at 10 before any result arrives (a lag of 2 rounds).
        assertThat(List.of(calc.nextRate(0), calc.nextRate(1), calc.nextRate(2))).containsOnly(10.0);
        calc.observe(Obs.at(0, 10).build());                 // round 0 passes: ramp to 20 from round 3
        assertThat(calc.decisionStartRound()).isEqualTo(3);
        calc.observe(Obs.at(1, 10).p99Ms(900).build());      // round 1 failed, but belongs to the old decision
        calc.observe(Obs.at(2, 10).p99Ms(900).build());      // likewise
        assertThat(calc.nextRate(3)).isEqualTo(20);
        assertThat(calc.ignoredObservations()).isEqualTo(2);
        assertThat(calc.nextRate(4)).isEqualTo(20);          // still 20 until round 3 or later is observed
        calc.observe(Obs.at(3, 20).p99Ms(900).build());      // the first round of the decision fails
        assertThat(calc.nextRate(5)).isEqualTo(1);
        calc.observe(Obs.at(4, 20).p99Ms(900).build());      // the 2nd round at 20 is not a recovery result
        assertThat(calc.nextRate(6)).isEqualTo(1);
        calc.observe(Obs.at(5, 1).build());                  // round 5 at 1 rps is: recovery passes
        assertThat(calc.phase()).isEqualTo("steady");
        assertThat(calc.nextRate(7)).isEqualTo(10);          // 10 passed, 20 failed: converged at 10
    }

    @Test
    void observationOfARoundNeverPlannedIsIgnored() {
        AdaptiveExponentialCalculator calc = AdaptiveExponentialCalculator.originalSemantics(10, 500, 200);
        calc.nextRate(0);
        calc.observe(Obs.at(7, 0).build());   // a phantom (e.g. a late report for an unknown round)
        assertThat(calc.nextRate(1)).isEqualTo(10);
        assertThat(calc.phase()).isEqualTo("ramp");
        assertThat(calc.ignoredObservations()).isEqualTo(1);
    }

    @Test
    void steadyPassesAreCountedNotStored() {
        AdaptiveExponentialCalculator calc = AdaptiveExponentialCalculator.originalSemantics(10, 20, 200);
        long round = trace(calc, 0, row(10, OK, 20), row(20, OK, 20));
        for (int i = 0; i < 1_000; i++) {
            round = trace(calc, round, row(20, OK, 20));
        }
        assertThat(calc.probes()).hasSize(3);
        assertThat(calc.repeatedVerdicts()).isEqualTo(999);
    }

    @Test
    void probeHistoryIsBounded() {
        AdaptiveExponentialCalculator calc = new AdaptiveExponentialCalculator(10, 20, 200,
                SearchSettings.ORIGINAL.withProbeHistory(4));
        long round = trace(calc, 0,
                row(10, p99(900), 1),     // min fails: recovery
                row(1, OK, 1));           // 1..10 converged: hold 1
        for (int i = 0; i < 10; i++) {
            round = trace(calc, round,
                    row(1, p99(900), 1),  // even 1 rps fails: recovery (2 stored probes per cycle)
                    row(1, OK, 1));       // recovered: hold 1 again
        }
        assertThat(calc.probes()).hasSize(4);
        assertThat(calc.droppedProbes()).isEqualTo(18);
        assertThat(calc.probes().get(3).round()).isEqualTo(round - 1);
    }

    @Test
    void probeRule() {
        // The original's bisection on multiples of 10 (Resolution.ORIGINAL); NaN = converged.
        Resolution r = Resolution.ORIGINAL;
        assertThat(r.bisect(20, 40)).isEqualTo(30);      // the reference trace
        assertThat(r.bisect(160, 320)).isEqualTo(240);   // midpoint is a multiple of 10
        assertThat(r.bisect(240, 280)).isEqualTo(260);
        assertThat(r.bisect(260, 280)).isEqualTo(270);
        assertThat(r.bisect(1, 100)).isEqualTo(50);      // from the recovery rate
        assertThat(r.bisect(70, 100)).isEqualTo(80);     // 85 rounds down to 80
        assertThat(r.bisect(300, 320)).isEqualTo(310);
        assertThat(r.bisect(300, 311)).isEqualTo(310);   // candidate below high
        assertThat(r.bisect(20, 30)).isNaN();            // gap of 10: converged
        assertThat(r.bisect(12, 20)).isNaN();            // gap < 10
        assertThat(r.bisect(11, 22)).isEqualTo(20);      // mid 16 rounds down to 10 <= low: round up to 20
        assertThat(r.bisect(40, 20)).isNaN();            // inverted bounds
        assertThat(r.bisect(0, 15)).isEqualTo(10);
    }

    @Test
    void boundsAreNormalisedLikeTheOriginal() {
        assertThat(AdaptiveExponentialCalculator.originalSemantics(-5, 100, 0).nextRate(0)).isZero();     // negative min -> 0
        assertThat(AdaptiveExponentialCalculator.originalSemantics(50, 20, 0).nextRate(0)).isEqualTo(20); // max < min: min = max
        AdaptiveExponentialCalculator zero = AdaptiveExponentialCalculator.originalSemantics(0, 0, 0);      // recovery = min(1, 0)
        trace(zero, 0, row(0, o -> o.notSent(), 0), row(0, OK, 0));
        assertThat(zero.phase()).isEqualTo("steady");
        assertThatThrownBy(() -> AdaptiveExponentialCalculator.originalSemantics(1, 2, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nothingIsKnownBeforeTheFirstObservation() {
        AdaptiveExponentialCalculator calc = AdaptiveExponentialCalculator.originalSemantics(10, 500, 200);
        assertThat(calc.phase()).isEqualTo("ramp");
        assertThat(calc.capacity()).isEmpty();
        assertThat(calc.probes()).isEmpty();
        assertThat(calc.limitedBy()).isEqualTo(CapacityLimit.NOT_YET_FOUND);
        assertThat(calc.describeCapacity()).isEqualTo("searching (ramp); highest sustained so far: unknown");
    }

    @Test
    void oneSlowRoundIsConfirmedBeforeItCountsAsAFailure() {
        AdaptiveExponentialCalculator calc = new AdaptiveExponentialCalculator(10, 500, 200);
        // round, rate planned -> observation -> next decision
        assertThat(calc.nextRate(0)).isEqualTo(10);
        assertThat(calc.nextRate(1)).isEqualTo(10);
        calc.observe(Obs.at(0, 10).p99Ms(400).build());  // cold start: one slow round
        assertThat(calc.nextRate(2)).isEqualTo(10);      // not judged a failure yet: same rate
        calc.observe(Obs.at(1, 10).p99Ms(20).build());   // the next round at 10 passes: it was transient
        assertThat(calc.nextRate(3)).isEqualTo(20);      // the ramp goes on
        calc.observe(Obs.at(3, 20).p99Ms(300).build());  // 20 fails ...
        assertThat(calc.nextRate(4)).isEqualTo(20);
        calc.observe(Obs.at(4, 20).p99Ms(310).build());  // ... and fails again: a failure
        assertThat(calc.nextRate(5)).isEqualTo(2);       // recovery at a quarter of the highest pass (10), on the grain
        assertThat(calc.probes()).extracting(AdaptiveProbe::verdict).containsExactly(
                AdaptiveProbe.Verdict.INCONCLUSIVE, AdaptiveProbe.Verdict.PASS, AdaptiveProbe.Verdict.INCONCLUSIVE,
                AdaptiveProbe.Verdict.FAIL);
    }
}
