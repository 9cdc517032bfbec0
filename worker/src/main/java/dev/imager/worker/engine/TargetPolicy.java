package dev.imager.worker.engine;

/**
 * Which targets the engine may send requests to beyond a job's own (which are checked before the job is taken):
 * asked for every redirect, before the next request is sent. A refused redirect fails its request
 * ({@code otherError}) and is never sent. Called on event loops: implementations must be fast, thread-safe and must
 * not block (no DNS lookups).
 */
@FunctionalInterface
public interface TargetPolicy {

    /** Every target allowed. */
    TargetPolicy ANY = target -> true;

    /** True when requests may go to {@code target}. */
    boolean permits(TargetAddress target);
}
