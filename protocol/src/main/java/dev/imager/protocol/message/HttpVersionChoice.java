package dev.imager.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.imager.protocol.cli.FlagChoice;

/**
 * Which HTTP version a run asks its workers to speak ({@code --http-version}), carried in every {@link Job} so
 * that all workers behave alike. What was actually spoken is recorded per response ({@link HttpProtocol}).
 */
public enum HttpVersionChoice implements FlagChoice {
    /** HTTP/1.1 on every target (TLS connections offer only {@code http/1.1} by ALPN). */
    HTTP_1_1("1.1"),
    /** HTTP/2 on every target: h2 by ALPN on https targets, h2c with prior knowledge on http targets. */
    HTTP_2("2"),
    /** HTTP/2 where an https target's server selects h2 by ALPN, else HTTP/1.1; http targets get HTTP/1.1. */
    AUTO("auto");

    private final String flagValue;

    HttpVersionChoice(String flagValue) {
        this.flagValue = flagValue;
    }

    /** The word on the command line and on the wire. */
    @Override
    @JsonValue
    public String flagValue() {
        return flagValue;
    }

    /** The choice the wire word names; unknown words are rejected (the job cannot be run as asked). */
    @JsonCreator
    public static HttpVersionChoice ofWire(String word) {
        return FlagChoice.find(HttpVersionChoice.class, word).orElseThrow(() -> new IllegalArgumentException(
                "httpVersion '" + word + "' is not one of " + FlagChoice.choices(HttpVersionChoice.class)));
    }
}
