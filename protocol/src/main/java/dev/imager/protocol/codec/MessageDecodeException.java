package dev.imager.protocol.codec;

/**
 * The one exception {@link MessageCodec} throws when bytes are not a valid imager message: not JSON,
 * truncated, wrong types, values out of range, an unknown type or a newer protocol version. Decoding
 * never yields a half-built message.
 */
public class MessageDecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean newerVersion;

    public MessageDecodeException(String message, Throwable cause) {
        this(message, cause, false);
    }

    MessageDecodeException(String message, Throwable cause, boolean newerVersion) {
        super(message, cause);
        this.newerVersion = newerVersion;
    }

    /** True when the message came from a newer protocol version than this side speaks. */
    public boolean isNewerVersion() {
        return newerVersion;
    }
}
