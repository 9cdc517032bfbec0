package dev.imager.coordinator.run;

import dev.imager.coordinator.ledger.LedgerTimeouts;
import java.time.Duration;

/**
 * How long a coordinator may need to end gracefully once asked to stop (the first SIGTERM): the rounds in flight
 * run to their deadline (one round's span plus the request timeout), their acknowledgements, refusals and final results
 * may arrive up to the ledger's result grace after it (a job nobody acknowledged is given up then too), a few seconds
 * guard the bound, and then the report is written. A pod's {@code terminationGracePeriodSeconds} must be at least {@link #total()}:
 * the Helm chart derives it with the same formula (a test keeps them equal).
 *
 * @param drain the longest wait for open rounds after the stop (the run loop gives up on them after it)
 * @param total the drain plus the time to write the report and close
 */
public record ShutdownGrace(Duration drain, Duration total) {

    /** Beyond every deadline the ledger keeps: only a bug would need it. */
    public static final Duration SAFETY_MARGIN = Duration.ofSeconds(5);
    /** Printing the summary, writing report.json and report.html, closing NATS. */
    public static final Duration REPORT_MARGIN = Duration.ofSeconds(5);

    /**
     * The grace of a run with this request timeout and ledger, whose jobs span {@code roundSpan} (the longer of
     * {@code -schedule-interval} and {@code -job-duration}).
     */
    public static ShutdownGrace of(Duration requestTimeout, Duration roundSpan, LedgerTimeouts ledger) {
        Duration drain = requestTimeout.plus(roundSpan).plus(ledger.resultGrace()).plus(SAFETY_MARGIN);
        return new ShutdownGrace(drain, drain.plus(REPORT_MARGIN));
    }
}
