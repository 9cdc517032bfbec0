package dev.imager.protocol.transport;

/** Receives messages of one subscription, on that subscription's own thread. */
@FunctionalInterface
public interface MessageHandler {

    /** Handles one message. An exception is logged by the transport and does not end the subscription. */
    void onMessage(InboundMessage message);
}
