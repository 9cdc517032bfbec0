package dev.imager.protocol.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How planned requests ended, by kind. Every request a worker was given ends in exactly one of these
 * buckets; {@code dropped} means it was never sent because the worker could not send it on time.
 *
 * @param ok 2xx and 3xx responses
 * @param http4xx 4xx responses
 * @param http5xx 5xx responses, 503 and 504 included (the status-code counts tell them apart)
 * @param timeout no complete response within the request timeout
 * @param connectError the connection could not be opened (refused, unreachable, TLS handshake)
 * @param otherError any other failure (reset, protocol error, bad URL)
 * @param dropped never sent: no connection or in-flight slot was available at the planned instant
 */
public record OutcomeCounts(
        @JsonProperty(required = true) long ok,
        @JsonProperty(required = true) long http4xx,
        @JsonProperty(required = true) long http5xx,
        @JsonProperty(required = true) long timeout,
        @JsonProperty(required = true) long connectError,
        @JsonProperty(required = true) long otherError,
        @JsonProperty(required = true) long dropped) {

    public static final OutcomeCounts ZERO = new OutcomeCounts(0, 0, 0, 0, 0, 0, 0);

    public OutcomeCounts {
        MessageFieldChecks.nonNegative(ok, "ok");
        MessageFieldChecks.nonNegative(http4xx, "http4xx");
        MessageFieldChecks.nonNegative(http5xx, "http5xx");
        MessageFieldChecks.nonNegative(timeout, "timeout");
        MessageFieldChecks.nonNegative(connectError, "connectError");
        MessageFieldChecks.nonNegative(otherError, "otherError");
        MessageFieldChecks.nonNegative(dropped, "dropped");
    }

    public OutcomeCounts plus(OutcomeCounts o) {
        return new OutcomeCounts(ok + o.ok, http4xx + o.http4xx, http5xx + o.http5xx, timeout + o.timeout,
                connectError + o.connectError, otherError + o.otherError, dropped + o.dropped);
    }

    /** Requests that were sent and failed: 4xx, 5xx, timeouts, connect and other errors. */
    @JsonIgnore
    public long failed() {
        return http4xx + http5xx + timeout + connectError + otherError;
    }

    /** Requests that ended in any bucket: ok + failed + dropped. */
    @JsonIgnore
    public long total() {
        return ok + failed() + dropped;
    }

    /** Requests that were actually sent (everything but dropped). */
    @JsonIgnore
    public long sent() {
        return ok + failed();
    }

    /** The count in one bucket. */
    public long get(Outcome outcome) {
        return switch (outcome) {
            case OK -> ok;
            case HTTP_4XX -> http4xx;
            case HTTP_5XX -> http5xx;
            case TIMEOUT -> timeout;
            case CONNECT_ERROR -> connectError;
            case OTHER_ERROR -> otherError;
            case DROPPED -> dropped;
        };
    }
}
