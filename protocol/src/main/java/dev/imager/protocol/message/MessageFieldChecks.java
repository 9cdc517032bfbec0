package dev.imager.protocol.message;

import java.util.List;

/**
 * Field checks shared by the message records' constructors, so no invalid message exists; each failure names the
 * field. (The report's records have their own, {@code ReportValueChecks}: other rules, other messages.)
 */
final class MessageFieldChecks {

    private MessageFieldChecks() {
    }

    static String nonBlank(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required and must not be blank");
        }
        return value;
    }

    /** A required id: not blank and at most {@link Message#MAX_ID_CHARS} characters. */
    static String id(String value, String field) {
        nonBlank(value, field);
        return atMost(value, Message.MAX_ID_CHARS, field);
    }

    /** {@code value} (null allowed) when it has at most {@code max} characters. */
    static String atMost(String value, int max, String field) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(field + " is " + value.length() + " characters long; at most " + max
                    + " are accepted");
        }
        return value;
    }

    static long nonNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, got " + value);
        }
        return value;
    }

    static int nonNegative(int value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, got " + value);
        }
        return value;
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    /** A job's targets: 1..{@link Job#MAX_TARGETS} base URLs, each non-blank and at most {@link Job#MAX_TARGET_CHARS}. */
    static void targets(List<String> targets) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("targets must hold at least one base URL");
        }
        if (targets.size() > Job.MAX_TARGETS) {
            throw new IllegalArgumentException("targets holds " + targets.size() + " URLs; at most " + Job.MAX_TARGETS
                    + " are accepted");
        }
        for (int i = 0; i < targets.size(); i++) {
            nonBlank(targets.get(i), "targets[" + i + "]");
            atMost(targets.get(i), Job.MAX_TARGET_CHARS, "targets[" + i + "]");
        }
    }

    /** A job's request timeout and redirect limit, within their bounds. */
    static void timeoutAndRedirects(long timeoutMillis, int maxRedirects) {
        if (timeoutMillis <= 0 || timeoutMillis > Job.MAX_TIMEOUT_MILLIS) {
            throw new IllegalArgumentException("timeoutMillis must be within 1.." + Job.MAX_TIMEOUT_MILLIS + ", got "
                    + timeoutMillis);
        }
        if (maxRedirects < 0 || maxRedirects > Job.MAX_REDIRECTS_LIMIT) {
            throw new IllegalArgumentException("maxRedirects must be 0.." + Job.MAX_REDIRECTS_LIMIT + ", got "
                    + maxRedirects);
        }
    }
}
