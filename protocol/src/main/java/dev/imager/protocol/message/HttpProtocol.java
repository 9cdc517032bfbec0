package dev.imager.protocol.message;

import java.util.Optional;

/**
 * The HTTP version a response actually came over (negotiated by ALPN, chosen with prior knowledge, or read from
 * an HTTP/1.x status line). {@link RequestStats#protocols()} counts responses by it.
 */
public enum HttpProtocol {
    HTTP_1_0("HTTP/1.0"),
    HTTP_1_1("HTTP/1.1"),
    HTTP_2("HTTP/2");

    private static final HttpProtocol[] VALUES = values();

    private final String label;

    HttpProtocol(String label) {
        this.label = label;
    }

    /** The name on the wire and in reports, e.g. {@code HTTP/2}. */
    public String label() {
        return label;
    }

    /** The protocol called {@code label}, if it is one. */
    public static Optional<HttpProtocol> ofLabel(String label) {
        for (HttpProtocol p : VALUES) {
            if (p.label.equals(label)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
