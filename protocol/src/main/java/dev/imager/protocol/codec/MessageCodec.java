package dev.imager.protocol.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.Message;
import dev.imager.protocol.message.MessageType;
import dev.imager.protocol.transport.InboundMessage;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON codec for every bus message.
 *
 * <p>Every encoded message is a JSON object carrying {@code "type"} (the {@link MessageType} wire name)
 * and {@code "v"} (the protocol version). Decoding is tolerant of unknown fields, so a newer minor
 * change that adds fields still decodes, and strict about everything else: bad JSON, trailing data,
 * duplicate keys, wrong JSON types (no string-to-number or number-to-string coercion), missing required
 * fields, values that break a message's invariants, an unknown type or a version newer than
 * {@link #PROTOCOL_VERSION} all end in a {@link MessageDecodeException}. Thread-safe.
 */
public final class MessageCodec {

    /** The protocol version this build writes and the newest it reads. */
    public static final int PROTOCOL_VERSION = 1;

    /** Largest message accepted, in bytes (NATS's default max payload is 1 MiB; leave room above it). */
    public static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

    private static final String TYPE = "type";
    private static final String VERSION = "v";

    private final ObjectMapper mapper;
    private final JobWriter jobWriter;
    private final JobReader jobReader;

    public MessageCodec() {
        JsonMapper.Builder builder = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        ObjectMapper m = builder.build();
        m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength(MAX_MESSAGE_BYTES).build());
        for (LogicalType numeric : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
            m.coercionConfigFor(numeric)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Enum)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        for (MessageType t : MessageType.values()) {
            m.registerSubtypes(new NamedType(t.messageClass(), t.wireName()));
        }
        this.mapper = m;
        this.jobWriter = new JobWriter();
        this.jobReader = new JobReader(m);
    }

    /** Encodes {@code message} as UTF-8 JSON with its type name and the protocol version. */
    public byte[] encode(Message message) {
        if (message instanceof Job job) {
            return jobWriter.write(job);
        }
        try {
            // Message's type info writes "type" first; Message#protocolVersion writes "v".
            return mapper.writerFor(Message.class).writeValueAsBytes(message);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new UncheckedIOException(new IOException("cannot encode " + message.getClass().getSimpleName(), e));
        }
    }

    /**
     * The message {@code m} carries: the object itself when it was handed over in-process (checked only for its type:
     * the publisher built it through the message's own constructor), else its bytes decoded with every check of
     * {@link #decode(byte[], Class)}.
     */
    public <T extends Message> T decode(InboundMessage m, Class<T> expected) throws MessageDecodeException {
        Message value = m.value();
        if (value == null) {
            return decode(m.payload(), expected);
        }
        if (!expected.isInstance(value)) {
            throw new MessageDecodeException("expected a " + expected.getSimpleName() + " message, got a "
                    + value.getClass().getSimpleName(), null);
        }
        return expected.cast(value);
    }

    /** Decodes any message. */
    public Message decode(byte[] data) throws MessageDecodeException {
        return decode(data, Message.class);
    }

    /**
     * Decodes a message that must be of type {@code expected} (or any type when it is {@link Message}).
     *
     * @throws MessageDecodeException for every way the bytes can fail to be such a message
     */
    public <T extends Message> T decode(byte[] data, Class<T> expected) throws MessageDecodeException {
        if (data == null || data.length == 0) {
            throw new MessageDecodeException("empty message", null);
        }
        if (data.length > MAX_MESSAGE_BYTES) {
            throw new MessageDecodeException("message of " + data.length + " bytes exceeds the limit of "
                    + MAX_MESSAGE_BYTES, null);
        }
        Envelope envelope = envelope(data);
        int v = envelope.version();
        String typeName = envelope.type();
        if (v > PROTOCOL_VERSION) {
            throw new MessageDecodeException("message '" + typeName + "' has protocol version " + v
                    + ", newer than the supported version " + PROTOCOL_VERSION, null, true);
        }
        if (v < 1) {
            throw new MessageDecodeException("protocol version " + v + " is not valid", null);
        }
        MessageType type = MessageType.fromWireName(typeName).orElseThrow(() -> new MessageDecodeException(
                "unknown message type '" + typeName + "'", null));
        if (!expected.isAssignableFrom(type.messageClass())) {
            throw new MessageDecodeException("expected a " + expected.getSimpleName() + " message, got '"
                    + typeName + "'", null);
        }
        try {
            Message message = type == MessageType.JOB ? jobReader.read(data)
                    : mapper.readValue(data, type.messageClass());
            return expected.cast(message);
        } catch (IOException | RuntimeException e) {
            throw new MessageDecodeException("invalid '" + typeName + "' message: " + firstLine(rootCause(e)), e);
        }
    }

    /** A message's protocol version and type name. */
    private record Envelope(int version, String type) {
    }

    /**
     * Checks that {@code data} is one valid JSON object (syntax, duplicate keys, nothing after it) and reads its
     * top-level {@code "v"} and {@code "type"}, in one streaming pass that builds no tree: the fields are then
     * bound straight from the bytes.
     */
    private Envelope envelope(byte[] data) throws MessageDecodeException {
        Integer version = null;
        String type = null;
        try (JsonParser p = mapper.createParser(data)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new MessageDecodeException("a message must be a JSON object, got " + JobReader.describe(first),
                        null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals(VERSION) && value == JsonToken.VALUE_NUMBER_INT
                        && p.getNumberType() == JsonParser.NumberType.INT) {
                    version = p.getIntValue();
                } else if (field.equals(TYPE) && value == JsonToken.VALUE_STRING) {
                    type = p.getText();
                } else {
                    p.skipChildren(); // (a "v" or "type" of another JSON type stays missing: rejected below)
                }
            }
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                throw new MessageDecodeException("not valid JSON: trailing token " + trailing + " after the object",
                        null);
            }
        } catch (IOException | RuntimeException e) {
            throw new MessageDecodeException("not valid JSON: " + firstLine(e), e);
        }
        if (version == null) {
            throw new MessageDecodeException("field 'v' (protocol version) is missing or not an integer", null);
        }
        if (type == null) {
            throw new MessageDecodeException("field 'type' is missing or not a string", null);
        }
        return new Envelope(version, type);
    }

    /** The mapper's configuration for other JSON the project writes (reports, status). */
    public ObjectMapper mapper() {
        return mapper;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        // Jackson wraps invariant violations from record constructors; the innermost message names the field.
        while (t.getCause() != null && t.getCause() != t && t instanceof JsonProcessingException
                && t.getCause() instanceof IllegalArgumentException) {
            t = t.getCause();
        }
        return t;
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

}
