package dev.imager.coordinator.report;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A pass/fail condition on the run, parsed from a {@code --threshold} flag such as {@code p99<250ms},
 * {@code error-rate<=0.5%} or {@code requests>=1000}: {@code <metric> <op> <limit>} with op one of
 * {@code <}, {@code <=}, {@code >}, {@code >=} and spaces allowed around it. The limit's form depends on the
 * metric's {@link ThresholdMetric.Kind}: a latency needs a unit (a bare number could be ms or s, and a
 * wrong guess silently passes a slow run), a fraction is {@code 1%} or {@code 0.01}, a count is a whole
 * number.
 *
 * @param expression the text as given, for messages and the report
 * @param metric what is measured
 * @param operator how it is compared
 * @param limit the limit in the metric's base unit: ms, a fraction, or a count
 */
public record Threshold(String expression, ThresholdMetric metric, ThresholdOperator operator, BigDecimal limit) {

    /** Every valid metric with the form of its limit; ends every parse error. */
    static final String SYNTAX_HELP = "valid metrics: "
            + names(ThresholdMetric.Kind.LATENCY) + " (latency with a unit: 800us, 250ms, 1.5s); "
            + names(ThresholdMetric.Kind.FRACTION) + " (1% or 0.01); "
            + names(ThresholdMetric.Kind.COUNT) + " (whole numbers)";

    private static final Pattern LATENCY = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(us|µs|μs|ms|s)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FRACTION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(%?)");
    private static final Pattern COUNT = Pattern.compile("\\d+");
    private static final Pattern BARE_NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final String OPERATOR_CHARS = "<>=!";
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1_000);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Threshold {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(limit, "limit");
    }

    /**
     * Parses one expression.
     *
     * @throws IllegalArgumentException with a message that starts {@code --threshold '<expression>': }, names
     *     what is wrong and ends with the valid metrics
     */
    public static Threshold parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw error(String.valueOf(expression), "empty threshold; write <metric><op><limit>, e.g. p99<250ms");
        }
        String text = expression.strip();
        int opStart = indexOfAny(text, OPERATOR_CHARS);
        if (opStart < 0) {
            throw error(text, "no comparison; write <metric><op><limit> with op one of <, <=, >, >=");
        }
        int opEnd = opStart;
        while (opEnd < text.length() && OPERATOR_CHARS.indexOf(text.charAt(opEnd)) >= 0) {
            opEnd++;
        }
        String metricName = text.substring(0, opStart).strip();
        String symbol = text.substring(opStart, opEnd);
        String value = text.substring(opEnd).strip();
        ThresholdOperator operator = ThresholdOperator.ofSymbol(symbol);
        if (operator == null) {
            throw error(text, "unsupported operator '" + symbol + "'; use <, <=, > or >=");
        }
        if (metricName.isEmpty()) {
            throw error(text, "no metric before '" + symbol + "'");
        }
        ThresholdMetric metric = ThresholdMetric.byName(metricName)
                .orElseThrow(() -> error(text, "unknown metric '" + metricName + "'"));
        if (value.isEmpty()) {
            throw error(text, "no limit after '" + symbol + "'");
        }
        return new Threshold(text, metric, operator, parseLimit(text, metric, value));
    }

    /** Whether the run met this threshold, with the measured value; no data always fails. */
    public ThresholdResult evaluate(ReportTotals totals) {
        Measurement actual = metric.measure(totals);
        boolean passed = actual.hasData() && operator.holds(actual.compareTo(limit));
        return new ThresholdResult(expression, actual.display(), passed);
    }

    private static BigDecimal parseLimit(String text, ThresholdMetric metric, String value) {
        return switch (metric.kind()) {
            case LATENCY -> {
                Matcher m = LATENCY.matcher(value);
                if (!m.matches()) {
                    String hint = BARE_NUMBER.matcher(value).matches()
                            ? "'" + value + "' has no unit; write " + metric.cliName() + "<" + value + "ms or "
                                    + metric.cliName() + "<" + value + "s"
                            : "'" + value + "' is not a duration; write a number and a unit (us, µs, ms, s)";
                    throw error(text, hint);
                }
                BigDecimal number = new BigDecimal(m.group(1));
                yield switch (m.group(2).toLowerCase(Locale.ROOT)) {
                    case "ms" -> number;
                    case "s" -> number.multiply(THOUSAND);
                    default -> number.divide(THOUSAND);
                };
            }
            case FRACTION -> {
                Matcher m = FRACTION.matcher(value);
                if (!m.matches()) {
                    throw error(text, "'" + value + "' is not a rate; write a percentage (1%) or a fraction (0.01)");
                }
                BigDecimal number = new BigDecimal(m.group(1));
                if (!m.group(2).isEmpty()) {
                    yield number.divide(HUNDRED);
                }
                if (number.compareTo(BigDecimal.ONE) > 0) {
                    throw error(text, "'" + value + "' is more than 1; a plain number is a fraction, so write "
                            + value + "% for a percentage");
                }
                yield number;
            }
            case COUNT -> {
                if (!COUNT.matcher(value).matches()) {
                    throw error(text, "'" + value + "' is not a whole number of requests");
                }
                yield new BigDecimal(value);
            }
        };
    }

    private static IllegalArgumentException error(String expression, String problem) {
        return new IllegalArgumentException("--threshold '" + expression + "': " + problem + ". " + SYNTAX_HELP);
    }

    private static int indexOfAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String names(ThresholdMetric.Kind kind) {
        return Arrays.stream(ThresholdMetric.values()).filter(m -> m.kind() == kind)
                .map(ThresholdMetric::cliName).collect(Collectors.joining(", "));
    }
}
