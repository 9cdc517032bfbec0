package dev.imager.protocol.message;

/** Why a worker refused a job. */
public enum RejectReason {
    /** The message did not decode as a job. */
    UNDECODABLE,
    /** The job came from a newer protocol version than the worker speaks. */
    UNSUPPORTED_VERSION,
    /** The job decoded but cannot be run as given (e.g. a target that is not an absolute http(s) URL). */
    INVALID,
    /** The job's deadline had already passed when it arrived. */
    EXPIRED,
    /** The worker is draining and takes no new jobs. */
    DRAINING,
    /** A target is not in the worker's {@code --allowed-targets}: nothing of the job was sent. */
    FORBIDDEN_TARGET,
    /** The worker already runs its {@code --max-active-jobs}: nothing of the job was sent. */
    OVERLOADED
}
