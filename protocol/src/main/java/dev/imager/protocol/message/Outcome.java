package dev.imager.protocol.message;

/** The one bucket each planned request ends in on a worker (see {@link OutcomeCounts}). */
public enum Outcome {
    OK("ok"),
    HTTP_4XX("http4xx"),
    HTTP_5XX("http5xx"),
    TIMEOUT("timeout"),
    CONNECT_ERROR("connectError"),
    OTHER_ERROR("otherError"),
    DROPPED("dropped");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    /** The name used on the wire, in metric tags and in reports. */
    public String label() {
        return label;
    }

    /** True for the buckets that mean "sent and failed". */
    public boolean isFailure() {
        return this != OK && this != DROPPED;
    }
}
