package dev.imager.coordinator.report;

/** The comparisons a threshold can make: the run passes when {@code actual <op> limit} holds. */
public enum ThresholdOperator {
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">=");

    private final String symbol;

    ThresholdOperator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** The operator written as {@code symbol}, or null when there is none. */
    static ThresholdOperator ofSymbol(String symbol) {
        for (ThresholdOperator op : values()) {
            if (op.symbol.equals(symbol)) {
                return op;
            }
        }
        return null;
    }

    /** Whether {@code actual <op> limit} holds, given {@code comparison = actual.compareTo(limit)}. */
    boolean holds(int comparison) {
        return switch (this) {
            case LESS -> comparison < 0;
            case LESS_OR_EQUAL -> comparison <= 0;
            case GREATER -> comparison > 0;
            case GREATER_OR_EQUAL -> comparison >= 0;
        };
    }
}
