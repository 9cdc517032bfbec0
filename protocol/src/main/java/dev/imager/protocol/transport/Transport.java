package dev.imager.protocol.transport;

import dev.imager.protocol.codec.MessageCodec;
import dev.imager.protocol.message.Message;
import java.time.Duration;

/**
 * The seam between imager and its message bus. Two implementations: {@link NatsTransport} for the
 * distributed mode and {@link InMemoryTransport} for one-process runs; one contract test suite holds both
 * to the same semantics, which are core NATS's:
 * <ul>
 *   <li>subjects are dot-separated tokens; subscriptions may use {@code *} (exactly one token) and
 *       {@code >} (one or more trailing tokens);</li>
 *   <li>a plain subscription receives every matching message; among subscriptions sharing a queue group
 *       each message goes to exactly one member;</li>
 *   <li>messages from one publisher reach one subscription in publish order, each subscription's handler
 *       runs on its own thread, one message at a time;</li>
 *   <li>delivery is at most once: nothing is retried. Callers account for loss themselves.</li>
 * </ul>
 */
public interface Transport extends AutoCloseable {

    /** Publishes {@code payload} on {@code subject}. Never blocks on subscribers. */
    default void publish(String subject, byte[] payload) {
        publish(subject, null, payload);
    }

    /**
     * Publishes {@code payload} on {@code subject} with a reply subject (null for none).
     *
     * @throws TransportException when the transport is closed or cannot buffer the message
     */
    void publish(String subject, String replyTo, byte[] payload);

    /**
     * Publishes {@code message} on {@code subject}: on NATS, exactly the bytes {@code codec.encode(message)}; on the
     * in-memory bus, the object itself (an immutable value the publisher built and no longer changes), so that one
     * process does not encode and decode what it already holds. Receivers get it from {@link
     * MessageCodec#decode(InboundMessage, Class)}.
     *
     * @throws TransportException when the transport is closed or cannot buffer the message
     */
    default void publish(String subject, String replyTo, Message message, MessageCodec codec) {
        publish(subject, replyTo, codec.encode(message));
    }

    /** Subscribes {@code handler} to every message matching {@code subject} (wildcards allowed). */
    Subscription subscribe(String subject, MessageHandler handler);

    /** Subscribes as a member of {@code queueGroup}: each matching message reaches one member only. */
    Subscription queueSubscribe(String subject, String queueGroup, MessageHandler handler);

    /**
     * Waits until everything published so far has been handed to the broker (NATS) or to the
     * subscribers' queues (in-memory).
     *
     * @throws TransportException when that does not happen within {@code timeout}
     */
    void flush(Duration timeout);

    /** True while messages can flow (for NATS: connected, not reconnecting). */
    boolean isConnected();

    /**
     * How long the broker has not answered, in nanoseconds at {@code nowNanos} ({@link System#nanoTime()}): a broker
     * that stalls keeps its connections open ({@link #isConnected()} stays true) but answers nothing, and delivers
     * nothing either. For NATS, the time since the server last delivered a message or answered a PING (sent every
     * 200 ms once this is first called); 0 on the in-memory bus, which cannot stall apart from its process.
     */
    default long unansweredNanos(long nowNanos) {
        return 0;
    }

    /**
     * Messages lost so far because a subscription had its limit of pending messages (or bytes) when they arrived:
     * what NATS calls a slow consumer. Each subscription's backlog is bounded, so a flood costs messages, never the
     * process's memory.
     */
    default long droppedMessages() {
        return 0;
    }

    /** How many times a subscription started dropping messages (each slow-consumer episode counts once). */
    default long slowConsumerEvents() {
        return 0;
    }

    /** A short description for logs, e.g. {@code nats://127.0.0.1:4222} or {@code in-memory}. */
    String describe();

    /** Stops every subscription and releases the connection. Idempotent. */
    @Override
    void close();
}
