package dev.imager.operator;

import dev.imager.coordinator.report.ExitCodes;

/** What an ended coordinator Job means, from its exit code (docs/flags.md#exit-codes). */
final class Verdict {

    static final String PASSED = "Passed";
    static final String FAILED = "Failed";
    static final String NONE = "None";

    private Verdict() {
    }

    /** The status reason of an ended run. */
    static String reason(boolean succeeded, Integer exit) {
        if (succeeded) {
            return "Completed";
        }
        if (exit == null) {
            return "JobFailed";
        }
        return switch (exit) {
            case ExitCodes.THRESHOLDS_FAILED -> "ThresholdsFailed";
            case ExitCodes.INVALID_CONFIGURATION -> "InvalidConfiguration";
            case ExitCodes.INFRASTRUCTURE_FAILURE -> "InfrastructureFailure";
            default -> "JobFailed";
        };
    }

    /** {@code status.thresholds}: None without thresholds, else Passed or Failed; null when no verdict was reached. */
    static String thresholds(boolean noThresholds, boolean succeeded, Integer exit) {
        if (noThresholds) {
            return NONE;
        }
        if (succeeded) {
            return PASSED;
        }
        return exit != null && exit == ExitCodes.THRESHOLDS_FAILED ? FAILED : null;
    }

    /** The exit code in words. */
    static String describe(Integer exit) {
        if (exit == null) {
            return "coordinator exit code unknown (its pod is gone)";
        }
        return switch (exit) {
            case ExitCodes.OK -> "exit 0: done, thresholds passed";
            case ExitCodes.THRESHOLDS_FAILED -> "exit 1: a threshold failed";
            case ExitCodes.INVALID_CONFIGURATION -> "exit 2: invalid configuration";
            case ExitCodes.INFRASTRUCTURE_FAILURE -> "exit 3: infrastructure failure";
            default -> "exit " + exit;
        };
    }
}
