package dev.imager.coordinator.load.adaptive;

import dev.imager.coordinator.load.RoundObservation;

/**
 * One phase of the capacity search: what a judged round of the current decision means, and what to do next.
 * A phase object lives for one decision (one rate), so it may count that decision's rounds.
 */
interface SearchPhase {

    /** The phase's name in probes, progress and metrics: ramp, recovery, search or steady. */
    String label();

    /**
     * A round of the current decision, judged conclusively (inconclusive rounds are handled by the search).
     *
     * @param passed the round's own verdict
     * @param reason why, in words
     * @param complete false when judged early, from the results of a round still running
     */
    void judged(Search search, RoundObservation o, boolean passed, String reason, boolean complete);

    /** True for phases that accept a healthy partial round as a pass (recovery). */
    default boolean passesEarly() {
        return false;
    }
}
