package dev.imager.protocol.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Appends JSON to a growable byte array: the minimum {@link JobWriter} needs, without a generator's
 * per-token state checks. Strings are escaped exactly as Jackson escapes them (quote, backslash, control
 * characters and surrogates; other non-ASCII written as UTF-8), with a fast path for the plain ASCII that
 * paths and query strings almost always are. The caller writes the punctuation.
 */
final class JsonBuffer {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes;
    private int length;

    JsonBuffer(int capacity) {
        bytes = new byte[Math.max(64, capacity)];
    }

    /** Appends ASCII text as is (punctuation and field names the caller knows need no escaping). */
    JsonBuffer raw(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    /** Appends bytes that are already JSON. */
    JsonBuffer raw(byte[] json) {
        ensure(json.length);
        System.arraycopy(json, 0, bytes, length, json.length);
        length += json.length;
        return this;
    }

    JsonBuffer raw(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
        return this;
    }

    /** Appends {@code value} as a quoted JSON string. */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): a bulk copy of the low bytes
    JsonBuffer string(String value) {
        int n = value.length();
        ensure(n + 2);
        bytes[length++] = '"';
        // Copy the low byte of every char in bulk, then check that each was plain ASCII needing no escape;
        // on the first one that was not, rewrite from there the careful way.
        int start = length;
        value.getBytes(0, n, bytes, start);
        for (int i = 0; i < n; i++) {
            byte b = bytes[start + i];
            if (b < 0x20 || b == 0x7F || b == '"' || b == '\\' || value.charAt(i) >= 0x80) {
                length = start + i;
                escapedTail(value, i);
                ensure(1);
                bytes[length++] = '"';
                return this;
            }
        }
        length = start + n;
        bytes[length++] = '"';
        return this;
    }

    private void escapedTail(String value, int from) {
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                raw('\\').raw(c);
            } else if (c < 0x20) {
                switch (c) {
                    case '\n' -> raw("\\n");
                    case '\r' -> raw("\\r");
                    case '\t' -> raw("\\t");
                    case '\b' -> raw("\\b");
                    case '\f' -> raw("\\f");
                    default -> {
                        ensure(6);
                        raw("\\u00");
                        bytes[length++] = HEX[c >> 4];
                        bytes[length++] = HEX[c & 0xF];
                    }
                }
            } else if (c < 0x80) {
                raw(c);
            } else if (Character.isSurrogate(c)) {
                // As Jackson does: surrogates, paired or not, as backslash-u escapes, so nothing is lost.
                ensure(6);
                raw("\\u");
                bytes[length++] = HEX[c >> 12];
                bytes[length++] = HEX[(c >> 8) & 0xF];
                bytes[length++] = HEX[(c >> 4) & 0xF];
                bytes[length++] = HEX[c & 0xF];
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                ensure(utf8.length);
                System.arraycopy(utf8, 0, bytes, length, utf8.length);
                length += utf8.length;
            }
        }
    }

    /** Appends a whole number. */
    JsonBuffer number(long value) {
        if (value == Long.MIN_VALUE) {
            return raw(Long.toString(value));
        }
        ensure(20);
        if (value < 0) {
            bytes[length++] = '-';
            value = -value;
        }
        int start = length;
        do {
            bytes[length++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        for (int i = start, j = length - 1; i < j; i++, j--) {
            byte t = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = t;
        }
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
