package dev.imager.protocol.message;

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
}
