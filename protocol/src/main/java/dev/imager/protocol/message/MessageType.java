package dev.imager.protocol.message;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The wire name of each message type, as written in the {@code type} field. */
public enum MessageType {
    JOB("job", Job.class),
    USERS_JOB("users-job", UsersJob.class),
    JOB_ACK("job-ack", JobAck.class),
    JOB_RESULT("job-result", JobResult.class),
    JOB_REJECTED("job-rejected", JobRejected.class),
    HEARTBEAT("heartbeat", Heartbeat.class),
    CONTROL("control", Control.class),
    RESULTS_CONFIRMED("results-confirmed", ResultsConfirmed.class);

    private static final Map<String, MessageType> BY_WIRE_NAME;

    static {
        Map<String, MessageType> byWireName = new HashMap<>();
        for (MessageType t : values()) {
            byWireName.put(t.wireName, t);
        }
        BY_WIRE_NAME = Map.copyOf(byWireName);
    }

    private final String wireName;
    private final Class<? extends Message> messageClass;

    MessageType(String wireName, Class<? extends Message> messageClass) {
        this.wireName = wireName;
        this.messageClass = messageClass;
    }

    public String wireName() {
        return wireName;
    }

    public Class<? extends Message> messageClass() {
        return messageClass;
    }

    public static Optional<MessageType> fromWireName(String name) {
        return Optional.ofNullable(name == null ? null : BY_WIRE_NAME.get(name));
    }

    public static MessageType of(Message message) {
        for (MessageType t : values()) {
            if (t.messageClass.isInstance(message)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no wire type for " + message.getClass());
    }
}
