package dev.imager.sumservice;

/**
 * The paths the service knows, matched exactly (so {@code /sum/} is not {@code /sum}, as in the original).
 *
 * <p>Also the {@code path} label of every metric: anything unknown is {@link #OTHER}, which keeps the label
 * set at four values however many distinct URLs a load test or a scanner sends.
 */
public enum Route {
    SUM("/sum"),
    HEALTHZ("/healthz"),
    METRICS("/metrics"),
    /** Any other path, and requests too malformed to have one. */
    OTHER("other");

    private final String label;

    Route(String label) {
        this.label = label;
    }

    /** The value of the {@code path} metric label. */
    public String label() {
        return label;
    }

    /** The route of a decoded request path (without query string). */
    public static Route of(String path) {
        return switch (path) {
            case "/sum" -> SUM;
            case "/healthz" -> HEALTHZ;
            case "/metrics" -> METRICS;
            default -> OTHER;
        };
    }
}
