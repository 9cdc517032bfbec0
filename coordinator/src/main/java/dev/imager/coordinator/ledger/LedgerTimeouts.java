package dev.imager.coordinator.ledger;

import java.time.Duration;

/**
 * When the ledger stops waiting.
 *
 * @param ackLease a job not acknowledged this long after it was published was never taken: all its requests
 *     are lost (core NATS queue groups deliver at most once; this is what makes loss visible)
 * @param resultGrace a taken job whose final delta has not arrived this long after its deadline (last
 *     planned instant + request timeout) will not report: its unreported requests are lost
 */
public record LedgerTimeouts(Duration ackLease, Duration resultGrace) {

    /** 2 s to acknowledge, 5 s past the deadline to report. */
    public static final LedgerTimeouts DEFAULT = new LedgerTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));

    public LedgerTimeouts {
        if (ackLease.isNegative() || ackLease.isZero() || resultGrace.isNegative()) {
            throw new IllegalArgumentException("ack lease must be > 0 and result grace >= 0");
        }
    }
}
