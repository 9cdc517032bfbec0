package dev.imager.coordinator.ledger;

import dev.imager.protocol.message.RejectReason;
import java.util.Optional;

/**
 * Why requests were dropped (never sent). The coordinator knows the reason of every drop it decides, and of every
 * job a worker refused; what remains of a round's dropped requests the workers counted themselves
 * ({@link #NOT_SENT_ON_TIME}). Each label is what report.json, report.html and the console summary show.
 */
public enum DropReason {
    /** The coordinator's bus connection was down when the round was due, or a job could not be published. */
    BROKER_UNAVAILABLE("broker unavailable"),
    /** No worker was live when the round was due. */
    NO_LIVE_WORKER("no live worker"),
    /** The target could not be resolved when the round was due. */
    NO_TARGET("no target"),
    /** The coordinator fell behind: a job was still unpublished past its deadline. */
    PUBLISHED_LATE("published late"),
    /**
     * No worker acknowledged or refused the job by its deadline plus the result grace: the broker lost it, or nobody
     * was subscribed.
     */
    NOT_ACKNOWLEDGED("not acknowledged"),
    /** The job reached its worker after its deadline ({@link RejectReason#EXPIRED}). */
    EXPIRED("expired"),
    /** The worker already ran its most jobs ({@link RejectReason#OVERLOADED}). */
    WORKER_OVERLOADED("worker overloaded"),
    /** A target was outside the worker's allowed targets ({@link RejectReason#FORBIDDEN_TARGET}). */
    FORBIDDEN_TARGET("forbidden target"),
    /**
     * Counted by the worker: no connection or in-flight slot was free at the request's planned instant, the request
     * was already past its timeout when its late job arrived, or a stop abandoned it before it was due.
     */
    NOT_SENT_ON_TIME("not sent on time");

    private final String label;

    DropReason(String label) {
        this.label = label;
    }

    /** The reason as reports show it. */
    public String label() {
        return label;
    }

    /** The drop reason of a job refused for {@code reason}, or empty when its requests count as lost instead. */
    static Optional<DropReason> ofRefusal(RejectReason reason) {
        return switch (reason) {
            case EXPIRED -> Optional.of(EXPIRED);
            case OVERLOADED -> Optional.of(WORKER_OVERLOADED);
            case FORBIDDEN_TARGET -> Optional.of(FORBIDDEN_TARGET);
            default -> Optional.empty();
        };
    }
}
