package dev.imager.coordinator.load.adaptive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where the search probes next. Each step: what the search learnt, then the probe it picks. */
class SearchRangeTest {

    private static SearchRange afterRamp(double passed, double failed) {
        SearchRange range = new SearchRange(20_000, Resolution.DEFAULT);
        range.passed(passed);
        range.failed(failed);
        return range;
    }

    @Test
    void withoutAGuessItBisectsToTwoPercent() {
        SearchRange range = afterRamp(640, 1_280);
        assertThat(range.nextProbe()).hasValue(960);
        range.passed(960);
        assertThat(range.nextProbe()).hasValue(1_120);
        range.failed(1_120);
        assertThat(range.nextProbe()).hasValue(1_040);
        range.failed(1_040);
        assertThat(range.nextProbe()).hasValue(1_000);
        range.passed(1_000);
        assertThat(range.nextProbe()).hasValue(1_020);
        range.failed(1_020);
        assertThat(range.nextProbe()).isEmpty();            // 1,000..1,020: within 2 %
        assertThat(range.highestPass()).hasValue(1_000);
    }

    @Test
    void aGuessIsProbedHalfAStepBelowThenOneStepAbove() {
        SearchRange range = afterRamp(640, 1_280);
        assertThat(range.guess(1_001)).isTrue();
        assertThat(range.nextProbe()).hasValue(991);        // 1 % below the guess, to the nearest grain
        range.passed(991);
        assertThat(range.nextProbe()).hasValue(1_010);      // one step above: if it fails, the bracket is done
        range.failed(1_010);
        assertThat(range.nextProbe()).isEmpty();
    }

    @Test
    void aLowGuessGallopsUpButNeverPastTheBisection() {
        SearchRange range = afterRamp(640, 1_280);
        range.guess(800);
        assertThat(range.nextProbe()).hasValue(792);
        range.passed(792);
        assertThat(range.nextProbe()).hasValue(807);        // +2 % (rounded down: a failure there closes the bracket)
        range.passed(807);
        assertThat(range.nextProbe()).hasValue(823);        // +2 % again: guesses are rarely off by more than a few %
        range.passed(823);
        assertThat(range.nextProbe()).hasValue(839);        // +2 % a third time
        range.passed(839);
        assertThat(range.nextProbe()).hasValue(872);        // then it doubles: +4 %
        range.passed(872);
        assertThat(range.nextProbe()).hasValue(941);        // +8 %
        range.passed(941);
        assertThat(range.nextProbe()).hasValue(1_091);      // +16 %
        range.passed(1_091);
        assertThat(range.nextProbe()).hasValue(1_185);      // +32 % would be 1,440: the bisection (1,185) is nearer
    }

    @Test
    void aGuessAtTheHighestPassProbesOneStepAbove() {
        SearchRange range = afterRamp(200, 400);
        range.guess(200.4);
        assertThat(range.nextProbe()).hasValue(204);
    }

    @Test
    void guessesOutsideTheBracketAreIgnored() {
        SearchRange range = afterRamp(640, 1_280);
        assertThat(range.guess(600)).isFalse();
        assertThat(range.guess(1_500)).isFalse();
        assertThat(range.nextProbe()).hasValue(960);
    }

    @Test
    void aGuessAtTheHighestPassProbesOneStepAboveIt() {
        // The ramp passed 5,120 and failed 10,240 twice over: its queue says 5,120 is the capacity. One step above
        // it, not a bisection at 7,680: a failure there settles the bracket.
        SearchRange range = afterRamp(5_120, 10_240);
        assertThat(range.guess(5_100)).isTrue();
        assertThat(range.nextProbe()).hasValue(5_220);   // 2 % up, on the grain
        range.failed(5_220);
        assertThat(range.nextProbe()).isEmpty();
    }

    @Test
    void aSteadyFailureLooksOneStepBelowNotAtTheBottom() {
        SearchRange range = afterRamp(640, 1_280);
        range.passed(990);
        range.passed(1_000);
        range.failed(1_010);
        range.failed(1_000);                                // the held rate failed in steady
        range.lookBelow(1_000);
        assertThat(range.nextProbe()).isEmpty();            // 990 passed: 990..1,000 is within 2 %
        range.failed(990);                                  // and then 990 failed too
        range.lookBelow(990);
        assertThat(range.nextProbe()).hasValue(970);        // not 805, the midpoint of 640..990
    }

    @Test
    void aReprobeChecksOneStepAboveOrTheLowestFailure() {
        SearchRange range = afterRamp(990, 1_000);
        assertThat(range.reprobeAbove(990)).isEqualTo(1_000);   // the lowest failure, nearer than a step
        SearchRange wide = afterRamp(500, 1_280);
        assertThat(wide.reprobeAbove(500)).isEqualTo(510);
        SearchRange atMax = new SearchRange(1_000, Resolution.DEFAULT);
        assertThat(atMax.reprobeAbove(990)).isEqualTo(1_000);
    }

    @Test
    void aPassingReprobeOpensTheTopAndGallopsToMax() {
        SearchRange range = new SearchRange(2_000, Resolution.DEFAULT);
        range.passed(1_000);
        range.failed(1_020);
        range.passed(1_020);                                 // the re-probe passed: the target got faster
        range.failureOutgrown();
        assertThat(range.nextProbe()).hasValue(1_040);       // +2 %
        range.passed(1_040);
        assertThat(range.nextProbe()).hasValue(1_081);       // +4 % (the gallop doubles every time)
        range.passed(1_081);
        assertThat(range.nextProbe()).hasValue(1_167);       // +8 %
        range.passed(1_167);
        assertThat(range.nextProbe()).hasValue(1_353);       // +16 %
        range.passed(1_353);
        range.passed(1_700);
        assertThat(range.nextProbe()).hasValue(2_000);       // capped at max
    }

    @Test
    void theGeneratorsCeilingBoundsTheSearch() {
        SearchRange range = afterRamp(640, 1_280);
        range.generatorLimited(1_000);
        assertThat(range.top()).isEqualTo(1_000);
        assertThat(range.nextProbe()).hasValue(820);
    }
}
