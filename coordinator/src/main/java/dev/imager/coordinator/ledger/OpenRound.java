package dev.imager.coordinator.ledger;

import dev.imager.protocol.message.Outcome;
import dev.imager.protocol.message.RequestStatsRecorder;
import java.util.EnumMap;
import java.util.Map;

/** A round still waiting for some of its jobs, as the {@link ResultLedger} keeps it. Control thread only. */
final class OpenRound {
    final long round;
    final double rate;
    final long startEpochNanos;
    final boolean warmup;
    final RequestStatsRecorder stats = new RequestStatsRecorder();
    long lost;
    long planned;
    int jobs;
    int openJobs;
    String notSentReason;
    /** Results came in since {@link ResultLedger#partialRounds()} last looked. */
    boolean changed;
    /** The drops the coordinator decided or a worker refused, by reason; the workers' own drops are the rest. */
    private final EnumMap<DropReason, Long> droppedBy = new EnumMap<>(DropReason.class);

    OpenRound(long round, double rate, long startEpochNanos, boolean warmup) {
        this.round = round;
        this.rate = rate;
        this.startEpochNanos = startEpochNanos;
        this.warmup = warmup;
    }

    /** Counts {@code requests} of this round as dropped for {@code reason}. */
    void drop(DropReason reason, long requests) {
        if (requests > 0) {
            stats.count(Outcome.DROPPED, requests);
            droppedBy.merge(reason, requests, Long::sum);
        }
    }

    /**
     * Adds this round's dropped requests to {@code into}, by reason: what the workers counted themselves is what is
     * left of {@code dropped} (the round's whole count) once the reasons known here are taken out.
     */
    void addDroppedBy(Map<DropReason, Long> into, long dropped) {
        long known = 0;
        for (Map.Entry<DropReason, Long> e : droppedBy.entrySet()) {
            into.merge(e.getKey(), e.getValue(), Long::sum);
            known += e.getValue();
        }
        if (dropped > known) {
            into.merge(DropReason.NOT_SENT_ON_TIME, dropped - known, Long::sum);
        }
    }

    /** The completed round; called once, after the round left the open rounds and its last job closed. */
    CompletedRound close() {
        return new CompletedRound(round, rate, startEpochNanos, planned, jobs, stats.handOver(), lost, notSentReason,
                warmup);
    }
}
