package dev.imager.worker;

import dev.imager.protocol.codec.MessageCodec;
import dev.imager.protocol.codec.MessageDecodeException;
import dev.imager.protocol.message.Message;
import dev.imager.protocol.transport.Subscription;
import dev.imager.protocol.transport.Transport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;


/** Records every decoded message on a subject, for assertions about what a worker published. */
final class BusProbe implements AutoCloseable {

    private final MessageCodec codec = new MessageCodec();
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final List<String> undecodable = new CopyOnWriteArrayList<>();
    private final Subscription subscription;

    BusProbe(Transport transport, String subject) {
        subscription = transport.subscribe(subject, m -> {
            try {
                messages.add(codec.decode(m.payload()));
            } catch (MessageDecodeException e) {
                undecodable.add(e.getMessage());
            }
        });
        transport.flush(Duration.ofSeconds(5));
    }

    <T extends Message> List<T> all(Class<T> type) {
        return messages.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Waits until a message of {@code type} matching {@code condition} arrives, and returns it. */
    <T extends Message> T await(Class<T> type, Predicate<T> condition, Duration timeout) {
        org.awaitility.Awaitility.await().atMost(timeout).until(() -> all(type).stream().anyMatch(condition));
        return all(type).stream().filter(condition).findFirst().orElseThrow();
    }

    List<Message> messages() {
        return messages;
    }

    List<String> undecodable() {
        return undecodable;
    }

    @Override
    public void close() {
        subscription.unsubscribe();
    }
}
