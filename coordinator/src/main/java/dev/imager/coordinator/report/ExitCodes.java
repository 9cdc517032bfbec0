package dev.imager.coordinator.report;

import java.util.List;

/**
 * The coordinator's process exit codes: a stable contract for CI pipelines (as k6's {@code errext/exitcodes}
 * is), so a script can tell "the target was too slow" from "the test could not run". Never renumber.
 */
public final class ExitCodes {

    /** The run completed and every threshold passed (or there were none). */
    public static final int OK = 0;

    /** The run completed, but at least one {@code --threshold} failed. */
    public static final int THRESHOLDS_FAILED = 1;

    /** Flags or configuration were invalid (including a bad {@code --threshold}); nothing was sent. */
    public static final int INVALID_CONFIGURATION = 2;

    /**
     * The run could not be carried out: no workers registered, NATS unreachable, the target could not be
     * resolved. Thresholds are not judged, since the numbers describe the infrastructure, not the target.
     */
    public static final int INFRASTRUCTURE_FAILURE = 3;

    /**
     * The run ended on an unexpected error of the coordinator itself (a bug): the report was written with what
     * had been measured, and its end reason names the error. (An OutOfMemoryError ends the JVM at once with the
     * JVM's own code 3, since the programs run with {@code -XX:+ExitOnOutOfMemoryError}; the last partial report
     * stays.)
     */
    public static final int INTERNAL_ERROR = 4;

    private ExitCodes() {
    }

    /** {@link #THRESHOLDS_FAILED} if any result failed, else {@link #OK}. */
    public static int forResults(List<ThresholdResult> results) {
        return results.stream().allMatch(ThresholdResult::passed) ? OK : THRESHOLDS_FAILED;
    }
}
