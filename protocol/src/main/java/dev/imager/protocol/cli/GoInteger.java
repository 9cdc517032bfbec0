package dev.imager.protocol.cli;

import java.math.BigInteger;

/**
 * Integer flag values, compatible with what the original's Go flags accepted where that is
 * unambiguous.
 *
 * <p>Accepted: optional sign, then base-10 digits ({@code 42}, {@code -5}, {@code +7}) or a
 * {@code 0x}/{@code 0X} hexadecimal literal ({@code 0x1F}), as Go's {@code flag} package does.
 * Rejected, with a message saying why: a leading zero ({@code 010}: Go reads it as octal 8, Java
 * habits read 10, so imager refuses to guess), Go's {@code 0b}/{@code 0o} prefixes and digit
 * underscores (rare in flags; write base 10), and values outside the target type's range.
 */
public final class GoInteger {

    private GoInteger() {
    }

    /**
     * Parses a 64-bit integer.
     *
     * @throws IllegalArgumentException with a message quoting {@code text} and saying what is wrong
     */
    public static long parseLong(String text) {
        return parse(text, BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
    }

    /**
     * Parses a 32-bit integer.
     *
     * @throws IllegalArgumentException with a message quoting {@code text} and saying what is wrong
     */
    public static int parseInt(String text) {
        return parse(text, BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE))
                .intValueExact();
    }

    private static BigInteger parse(String text, BigInteger min, BigInteger max) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("invalid integer \"\": a number is required");
        }
        String s = text;
        boolean negative = false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        BigInteger value;
        if (s.length() > 2 && (s.startsWith("0x") || s.startsWith("0X")) && s.substring(2).matches("[0-9a-fA-F]+")) {
            value = new BigInteger(s.substring(2), 16);
        } else if (s.matches("[0-9]+")) {
            if (s.length() > 1 && s.charAt(0) == '0') {
                throw new IllegalArgumentException("invalid integer \"" + text
                        + "\": a leading zero is ambiguous (Go reads 010 as octal 8); write it in base 10");
            }
            value = new BigInteger(s);
        } else {
            throw new IllegalArgumentException("invalid integer \"" + text
                    + "\": expected base-10 digits (or a 0x hexadecimal literal)");
        }
        if (negative) {
            value = value.negate();
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException("integer \"" + text + "\" is out of range [" + min + ", " + max + "]");
        }
        return value;
    }
}
