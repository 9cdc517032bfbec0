package dev.imager.coordinator.compare;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A condition that fails a comparison ({@code --fail-on}), such as {@code p99>+10%}: {@code <metric> <op> <change>}
 * with op {@code >}, {@code >=}, {@code <} or {@code <=}. The change is relative ({@code +10%}, {@code -5%}) or
 * absolute in the metric's unit: a duration for latencies ({@code +5ms}), {@code rps} for rates and the capacity
 * ({@code -50rps}), percentage points for fractions ({@code +0.5pp}).
 *
 * <p>It trips when B's change against A satisfies the comparison <em>and</em> the change is beyond the noise bound;
 * where the bound is unknown (too few rounds, an extreme value) the change alone decides. A metric that one of the
 * runs has no data for trips too, saying so: a comparison that cannot be made must not pass a pipeline.
 *
 * @param expression the text as given
 * @param metric what is compared
 * @param operator one of {@code >}, {@code >=}, {@code <}, {@code <=}
 * @param limit the change, as a fraction for a relative one, else in the metric's unit (ms, requests/s, fraction)
 * @param relative whether the limit is relative to A's value
 */
public record FailOn(String expression, CompareMetric metric, String operator, double limit, boolean relative) {

    private static final Pattern SHAPE = Pattern.compile("\\s*([a-zA-Z0-9.\\-]+?)\\s*(>=|<=|>|<)\\s*(\\S.*?)\\s*");
    private static final Pattern CHANGE = Pattern.compile("([+-]?)(\\d+(?:\\.\\d+)?)\\s*(%|pp|rps|us|µs|ms|s)?",
            Pattern.CASE_INSENSITIVE);
    private static final String HELP = "write <metric><op><change>, e.g. p99>+10%, achieved-rate<-5%, "
            + "error-rate>+0.5pp, p99>+20ms, capacity<-10%; metrics: " + Arrays.stream(CompareMetric.values())
            .map(CompareMetric::cliName).collect(Collectors.joining(", "));

    /**
     * Parses one expression.
     *
     * @throws IllegalArgumentException with a message that starts {@code --fail-on '<expression>': } and says how
     *     to write one
     */
    public static FailOn parse(String expression) {
        String text = expression == null ? "" : expression;
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            throw error(text, "not a comparison");
        }
        CompareMetric metric = CompareMetric.byName(m.group(1))
                .orElseThrow(() -> error(text, "unknown metric '" + m.group(1) + "'"));
        Matcher c = CHANGE.matcher(m.group(3));
        if (!c.matches()) {
            throw error(text, "'" + m.group(3) + "' is not a change");
        }
        double number = Double.parseDouble(c.group(2)) * (c.group(1).equals("-") ? -1 : 1);
        String unit = c.group(3) == null ? "" : c.group(3).toLowerCase(Locale.ROOT);
        if (unit.equals("%")) {
            return new FailOn(text.strip(), metric, m.group(2), number / 100, true);
        }
        double absolute = switch (metric.kind()) {
            case LATENCY -> switch (unit) {
                case "ms" -> number;
                case "s" -> number * 1_000;
                case "us", "µs" -> number / 1_000;
                default -> throw error(text, "a latency changes by a percentage or a duration (+10%, +5ms)");
            };
            case RATE, CAPACITY -> {
                if (!unit.equals("rps")) {
                    throw error(text, "a rate changes by a percentage or requests/s (-5%, -50rps)");
                }
                yield number;
            }
            case FRACTION -> {
                if (!unit.equals("pp")) {
                    throw error(text, "a rate of requests changes by a percentage of itself (+10%) or by percentage "
                            + "points (+0.5pp)");
                }
                yield number / 100;
            }
        };
        return new FailOn(text.strip(), metric, m.group(2), absolute, false);
    }

    /** Why this condition trips on {@code comparison}, or empty when it does not. */
    public Optional<String> trips(RunComparison comparison) {
        MetricChange row = comparison.change(metric);
        if (row.delta() == null) {
            return Optional.of(expression + ": cannot compare, " + row.noiseNote());
        }
        double change = relative ? relativeChange(row) : row.delta();
        if (!holds(change)) {
            return Optional.empty();
        }
        if (Boolean.FALSE.equals(row.beyondNoise())) {
            return Optional.empty();
        }
        String noise = row.beyondNoise() == null ? "noise bound unknown: " + row.noiseNote() : "beyond noise";
        return Optional.of(expression + ": " + metric.cliName() + " changed by " + ComparisonTable.changeInFull(row)
                + " (" + noise + ")");
    }

    /** (b - a) / a, or an infinite change when a is 0 and b is not. */
    private static double relativeChange(MetricChange row) {
        if (row.relative() != null) {
            return row.relative();
        }
        return row.delta() > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    private boolean holds(double change) {
        return switch (operator) {
            case ">" -> change > limit;
            case ">=" -> change >= limit;
            case "<" -> change < limit;
            default -> change <= limit;
        };
    }

    private static IllegalArgumentException error(String expression, String problem) {
        return new IllegalArgumentException("--fail-on '" + expression + "': " + problem + "; " + HELP);
    }
}
