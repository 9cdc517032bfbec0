package dev.imager.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Every message imager puts on the bus. One immutable record per message; the codec writes the
 * {@code type} name and the protocol version {@code v} into every message. The type names are those of
 * {@link MessageType}; the codec registers them with Jackson.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonPropertyOrder({"v"})
public sealed interface Message permits Job, UsersJob, JobAck, JobResult, JobRejected, Heartbeat, Control,
        ResultsConfirmed {

    /**
     * Longest id a message may carry (run, job, worker and coordinator ids): ids are subject tokens and map keys,
     * and a peer must not make either arbitrarily large.
     */
    int MAX_ID_CHARS = 128;

    /** The protocol version written on the wire; the codec checks it before decoding anything else. */
    @JsonProperty(value = "v", access = JsonProperty.Access.READ_ONLY)
    default int protocolVersion() {
        return dev.imager.protocol.codec.MessageCodec.PROTOCOL_VERSION;
    }
}
