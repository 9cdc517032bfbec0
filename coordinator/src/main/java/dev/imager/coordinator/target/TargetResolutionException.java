package dev.imager.coordinator.target;

/**
 * The target could not be resolved this time. The message names the verb and the Kubernetes object
 * that failed (for example {@code get deployments.apps imagerdemo/sumservice: not found}) so an
 * operator can tell a typo from a missing RBAC rule without reading a stack trace. The run loop
 * counts a round that hits this as "not sent", not as a target failure.
 */
public class TargetResolutionException extends Exception {
    private static final long serialVersionUID = 1L;

    public TargetResolutionException(String message) {
        super(message);
    }

    public TargetResolutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
