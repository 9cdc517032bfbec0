package dev.imager.coordinator.run;

import dev.imager.coordinator.ledger.RunTotals;
import dev.imager.coordinator.load.AdaptiveProbe;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A run that has ended: why, what it measured in total, and what the adaptive search found.
 *
 * @param runId the run
 * @param coordinatorId the coordinator that ran it
 * @param startedAt when the first round was planned to start (or when the run gave up before that)
 * @param endedAt when the last round was accounted for
 * @param endReason why it ended: "duration reached", "load shape ended", "interrupted (SIGINT)", "no workers: ...", ...
 * @param infrastructureFailure true when it could not run as asked (no workers, NATS, target, plug-in failure)
 * @param totals every completed round summed
 * @param probes the adaptive search's probes (empty for pure profiles)
 * @param capacity the highest sustainable rate found, if the calculator searches for one
 * @param capacityNote how to read the capacity (limit met, max reached, generator-limited), or ""
 * @param peakWorkers most live workers seen at once
 * @param intervalSeconds round length
 * @param warmupRounds rounds of warm-up before the load profile's round 0
 */
public record FinishedRun(
        String runId,
        String coordinatorId,
        Instant startedAt,
        Instant endedAt,
        String endReason,
        boolean infrastructureFailure,
        RunTotals totals,
        List<AdaptiveProbe> probes,
        OptionalDouble capacity,
        String capacityNote,
        int peakWorkers,
        double intervalSeconds,
        long warmupRounds) {
}
