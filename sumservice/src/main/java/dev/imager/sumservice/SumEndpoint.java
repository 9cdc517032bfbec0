package dev.imager.sumservice;

import java.util.List;
import java.util.Map;

/**
 * The {@code /sum} contract: read {@code a} and {@code b}, validate them, add them.
 *
 * <p>Matches the original Go service (upstream spec §7) message for message: parameters are query
 * parameters, the first value wins when one is repeated, {@code a} is checked before {@code b}, and an
 * integer is an optional sign followed by ASCII base-10 digits, nothing else (no spaces, no {@code 0x}, no
 * exponent, no Unicode digits, which {@link Long#parseLong} would otherwise accept). One deliberate
 * deviation: a sum outside the 64-bit range is refused with 400 instead of silently wrapping around,
 * because a load tester's demo target must never return a wrong answer with a 200.
 *
 * <p>Pure and stateless: no I/O, so it is tested with a plain table.
 */
public final class SumEndpoint {

    /** What a {@code /sum} request evaluates to. */
    public sealed interface Answer permits Sum, Invalid {
    }

    /** A valid request: the operands and their exact sum. */
    public record Sum(long a, long b, long sum) implements Answer {
        /** The 200 body: {@code {"a":A,"b":B,"sum":S}} and a newline, as the original encoder wrote it. */
        public String json() {
            return "{\"a\":" + a + ",\"b\":" + b + ",\"sum\":" + sum + "}\n";
        }
    }

    /** A request answered with 400; {@code message} is the body without its trailing newline. */
    public record Invalid(String message) implements Answer {
    }

    private SumEndpoint() {
    }

    /** Evaluates decoded query parameters, e.g. from Netty's {@code QueryStringDecoder#parameters()}. */
    public static Answer evaluate(Map<String, List<String>> parameters) {
        Operand a = operand(parameters, "a");
        if (a.problem() != null) {
            return a.problem();
        }
        Operand b = operand(parameters, "b");
        if (b.problem() != null) {
            return b.problem();
        }
        try {
            return new Sum(a.value(), b.value(), Math.addExact(a.value(), b.value()));
        } catch (ArithmeticException overflow) {
            return new Invalid("sum of \"a\" and \"b\" overflows a 64-bit integer: "
                    + a.value() + " + " + b.value());
        }
    }

    /** One parsed parameter: its value, or the problem that stops the request. */
    private record Operand(long value, Invalid problem) {
        static Operand of(long value) {
            return new Operand(value, null);
        }

        static Operand invalid(String message) {
            return new Operand(0, new Invalid(message));
        }
    }

    private static Operand operand(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        String raw = values == null || values.isEmpty() ? "" : values.get(0);
        if (raw.isEmpty()) {
            return Operand.invalid("missing query parameter \"" + name + "\"");
        }
        if (!isDecimalInteger(raw)) {
            return Operand.invalid("invalid integer value for \"" + name + "\": " + raw);
        }
        try {
            return Operand.of(Long.parseLong(raw));
        } catch (NumberFormatException outOfRange) {
            // The syntax was checked above, so the only way left to fail is magnitude.
            return Operand.invalid("integer value for \"" + name + "\" is out of range: " + raw);
        }
    }

    /** Optional {@code +}/{@code -}, then one or more ASCII digits; what Go's {@code strconv.ParseInt(s, 10, 64)} accepts. */
    static boolean isDecimalInteger(String raw) {
        int start = raw.charAt(0) == '+' || raw.charAt(0) == '-' ? 1 : 0;
        if (start == raw.length()) {
            return false;
        }
        for (int i = start; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
