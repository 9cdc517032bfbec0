package dev.imager.protocol.transport;

/**
 * A received message.
 *
 * @param subject the subject it was published on
 * @param replyTo the reply subject the publisher gave, or null
 * @param payload the bytes published (not copied: do not modify)
 */
public record InboundMessage(String subject, String replyTo, byte[] payload) {
}
