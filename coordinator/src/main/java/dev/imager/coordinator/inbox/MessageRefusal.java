package dev.imager.coordinator.inbox;

import java.util.Locale;

/**
 * Why the coordinator refused a message from the bus: the {@code reason} of
 * {@code imager_coordinator_rejected_messages_total} and of its rate-limited log lines. A fixed set, so the metric's
 * labels stay bounded whatever a publisher sends. Nothing refused changes the run's accounting.
 */
public enum MessageRefusal {
    /** Not a message of a type expected on its subject (bad JSON, bad fields, wrong type, oversized). */
    UNDECODABLE,
    /** The control thread had too many messages waiting already. */
    QUEUE_FULL,
    /** About a job this coordinator does not have open in this run: another run's, one already accounted for, or none. */
    UNKNOWN_JOB,
    /** A result for a job no worker has acknowledged yet (a worker always acknowledges before it reports). */
    NOT_ACKNOWLEDGED,
    /** From a worker other than the one that acknowledged the job. */
    WRONG_WORKER,
    /** A delta whose sequence number was counted already, or a second acknowledgement: harmless, changes nothing. */
    DUPLICATE,
    /** A delta ahead of the next sequence number expected for its job. */
    OUT_OF_ORDER,
    /** A delta that would count more outcomes than the job has requests. */
    OVER_COUNT,
    /** A delta whose histograms or status codes do not agree with its outcome counts. */
    INCONSISTENT_STATS,
    /** A heartbeat whose subject does not name the worker it describes. */
    SUBJECT_MISMATCH,
    /** A heartbeat of a new worker while the registry holds its maximum of workers. */
    REGISTRY_FULL,
    /** A status request without a reply subject (nobody to answer; ignored quietly). */
    NO_REPLY_SUBJECT;

    /** The metric label, e.g. {@code out_of_order}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
