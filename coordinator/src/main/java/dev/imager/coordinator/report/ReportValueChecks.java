package dev.imager.coordinator.report;

/**
 * Value checks shared by the report records' constructors, the accounting invariant among them. Each names the
 * field (and the round, where there is one) so a bad value handed over by the run loop is found from the message
 * alone.
 */
final class ReportValueChecks {

    private ReportValueChecks() {
    }

    static long nonNegative(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " is negative: " + value);
        }
        return value;
    }

    /** Finite and not negative: JSON has no NaN or infinity, and no report quantity is negative. */
    static double finiteNonNegative(double value, String what) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(what + " must be a finite number >= 0, was " + value);
        }
        return value;
    }

    /**
     * The accounting invariant: every planned request ends in exactly one bucket, and the sent ones are
     * exactly those that got an answer or a failure.
     *
     * @param where "totals" or "round 17", the start of the message
     */
    static void accounting(String where, long planned, long sent, long ok, long http4xx, long http5xx, long timeout,
            long connectError, long otherError, long dropped, long lost) {
        long[] counts = {planned, sent, ok, http4xx, http5xx, timeout, connectError, otherError, dropped, lost};
        String[] names = {"planned", "sent", "ok", "http4xx", "http5xx", "timeout", "connectError", "otherError",
            "dropped", "lost"};
        for (int i = 0; i < counts.length; i++) {
            nonNegative(counts[i], where + ": " + names[i]);
        }
        long answered = ok + http4xx + http5xx + timeout + connectError + otherError;
        if (sent != answered) {
            throw new IllegalArgumentException(where + " does not add up: sent " + sent + " != " + answered
                    + " (ok + http4xx + http5xx + timeout + connectError + otherError)");
        }
        if (planned != answered + dropped + lost) {
            throw new IllegalArgumentException(where + " does not add up: planned " + planned + " != "
                    + answered + " sent + " + dropped + " dropped + " + lost + " lost");
        }
    }
}
