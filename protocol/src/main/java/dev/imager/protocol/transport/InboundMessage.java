package dev.imager.protocol.transport;

import dev.imager.protocol.codec.MessageCodec;
import dev.imager.protocol.message.Message;
import java.util.Objects;

/**
 * A received message: the bytes published, or, on the in-memory bus, the message object itself (see
 * {@link Transport#publish(String, String, Message, MessageCodec)}), encoded only if someone asks for the bytes.
 */
public final class InboundMessage {

    private final String subject;
    private final String replyTo;
    private final Message value;
    private final MessageCodec codec;
    private byte[] payload;

    /**
     * @param subject the subject it was published on
     * @param replyTo the reply subject the publisher gave, or null
     * @param payload the bytes published (not copied: do not modify)
     */
    public InboundMessage(String subject, String replyTo, byte[] payload) {
        this.subject = subject;
        this.replyTo = replyTo;
        this.payload = payload;
        this.value = null;
        this.codec = null;
    }

    /** A message handed over as an object within one process; {@code codec} encodes it if the bytes are asked for. */
    InboundMessage(String subject, String replyTo, Message value, MessageCodec codec) {
        this.subject = subject;
        this.replyTo = replyTo;
        this.value = Objects.requireNonNull(value, "value");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** The subject it was published on. */
    public String subject() {
        return subject;
    }

    /** The reply subject the publisher gave, or null. */
    public String replyTo() {
        return replyTo;
    }

    /** The message object when it was handed over in-process (never on NATS), else null. */
    public Message value() {
        return value;
    }

    /** The bytes published (not copied: do not modify); for an in-process object, its encoding, made on first use. */
    public synchronized byte[] payload() {
        if (payload == null) {
            payload = codec.encode(value);
        }
        return payload;
    }

    @Override
    public String toString() {
        return "InboundMessage[subject=" + subject + ", replyTo=" + replyTo
                + (value != null ? ", value=" + value.getClass().getSimpleName() : "") + "]";
    }
}
