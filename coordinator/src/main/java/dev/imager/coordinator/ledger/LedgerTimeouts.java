package dev.imager.coordinator.ledger;

import java.time.Duration;

/**
 * When the ledger stops waiting for a job: {@code resultGrace} after its deadline (last planned instant + request
 * timeout). A worker refuses a job that reaches it after its deadline ({@code EXPIRED}), so by then every worker that
 * could still run the job has acknowledged it or refused it, and its messages had the grace to arrive.
 *
 * <p>A job nobody acknowledged is given up no earlier, however long ago it was published: a broker that freezes
 * delivers the jobs it held late, and the workers still run them (measured from their planned instants), so an
 * acknowledgement that comes seconds late is the rule in that fault, not a forgery. Given up then, its requests are
 * dropped ({@link DropReason#NOT_ACKNOWLEDGED}: core NATS queue groups deliver at most once, this is what makes the
 * loss visible); a job that was acknowledged but did not finish reporting has its unreported requests lost.
 *
 * @param resultGrace how long after a job's deadline its acknowledgement, rejection or final delta may still arrive
 */
public record LedgerTimeouts(Duration resultGrace) {

    /** 5 s past the deadline. */
    public static final LedgerTimeouts DEFAULT = new LedgerTimeouts(Duration.ofSeconds(5));

    public LedgerTimeouts {
        if (resultGrace.isNegative()) {
            throw new IllegalArgumentException("result grace must be >= 0");
        }
    }
}
