package dev.imager.protocol.transport;

/** A live subscription. */
public interface Subscription extends AutoCloseable {

    /** The subject (possibly with wildcards) subscribed to. */
    String subject();

    /**
     * Stops delivery. Messages already handed to the handler's thread may still be delivered.
     * Idempotent.
     */
    void unsubscribe();

    @Override
    default void close() {
        unsubscribe();
    }
}
