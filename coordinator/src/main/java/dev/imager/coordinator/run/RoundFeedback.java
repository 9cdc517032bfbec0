package dev.imager.coordinator.run;

import dev.imager.coordinator.ledger.CompletedRound;
import dev.imager.coordinator.ledger.PartialRound;
import dev.imager.coordinator.ledger.ResultLedger;
import dev.imager.coordinator.load.AdaptiveProbe;
import dev.imager.coordinator.load.LoadCalculator;
import dev.imager.coordinator.load.RoundObservation;
import dev.imager.coordinator.metrics.CoordinatorMetrics;
import dev.imager.protocol.EpochClock;
import java.util.List;

/**
 * Tells everyone who follows the rounds what the ledger knows of them: running rounds to a load calculator that
 * judges early, and each completed round, in order, to the load calculator, the metrics, the run status and the
 * listener. The load calculator never sees warm-up rounds, and numbers its rounds from the first after them.
 *
 * <p>Confined to the run's control thread, like the ledger it reads.
 */
final class RoundFeedback {

    private final ResultLedger ledger;
    private final LoadCalculator calculator;
    private final CoordinatorMetrics metrics;
    private final RunStatusTracker status;
    private final RunListener listener;
    private final EpochClock epochClock;
    private final long intervalNanos;
    private final long spanNanos;
    private final long warmupRounds;
    private AdaptiveProbe lastTold;

    RoundFeedback(ResultLedger ledger, LoadCalculator calculator, CoordinatorMetrics metrics, RunStatusTracker status,
            RunListener listener, EpochClock epochClock, long intervalNanos, long spanNanos, long warmupRounds) {
        this.ledger = ledger;
        this.calculator = calculator;
        this.metrics = metrics;
        this.status = status;
        this.listener = listener;
        this.epochClock = epochClock;
        this.intervalNanos = intervalNanos;
        this.spanNanos = spanNanos;
        this.warmupRounds = warmupRounds;
    }

    /** What running rounds have reported so far, for a calculator that judges early (called every 100 ms). */
    void running() {
        if (calculator.observesPartialRounds()) {
            for (PartialRound p : ledger.partialRounds()) {
                calculator.observePartial(new RoundObservation(p.round() - warmupRounds, p.rate(), p.planned(),
                        p.stats(), p.lost(), false));
            }
        }
    }

    /** Rounds the ledger just completed, in round order. */
    void completed(List<CompletedRound> completed) {
        for (CompletedRound round : completed) {
            if (!round.warmup()) {
                calculator.observe(new RoundObservation(round.round() - warmupRounds, round.rate(), round.planned(),
                        round.stats(), round.lost(), round.notSent()));
            }
            // A round's requests end with its span (-job-duration), its rate counts over its interval.
            long roundEnd = round.startEpochNanos() + spanNanos;
            metrics.roundCompleted(round, intervalNanos / 1e9, (epochClock.nowNanos() - roundEnd) / 1e9);
            metrics.phase(calculator.phase(), calculator.capacity());
            status.completed(round, ledger.counts(), calculator.capacity());
            listener.onRound(round, status.current());
            tellNewProbes();
        }
    }

    /**
     * Tells the probes the calculator added since the last call. Its history is a bounded queue: what follows the
     * probe told last is new, and when that one has left the queue, everything in it is.
     */
    private void tellNewProbes() {
        List<AdaptiveProbe> probes = calculator.probes();
        int from = 0;
        for (int i = probes.size() - 1; i >= 0 && lastTold != null; i--) {
            if (probes.get(i).equals(lastTold)) {
                from = i + 1;
                break;
            }
        }
        for (AdaptiveProbe p : probes.subList(from, probes.size())) {
            listener.onProbe(p, (p.round() + warmupRounds) * intervalNanos / 1e9);
            lastTold = p;
        }
    }
}
