package dev.imager.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The transport contract on the in-memory bus, plus its slow-consumer accounting. */
class InMemoryTransportTest extends TransportContract {

    private final InMemoryTransport bus = new InMemoryTransport();

    @Override
    protected Transport open() {
        // One bus shared by every "connection"; closing a view must not close the bus for the others,
        // except in the test that closes the only transport it opened.
        return bus;
    }

    @AfterEach
    void closeBus() {
        bus.close();
    }

    @Test
    void countsMessagesDroppedBySlowConsumer() throws Exception {
        InMemoryTransport small = new InMemoryTransport(2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        small.subscribe("s.x", m -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            handled.incrementAndGet();
        });

        // The first message goes straight to the (blocked) handler thread, two more fill the queue,
        // the last three are dropped.
        for (int i = 0; i < 6; i++) {
            small.publish("s.x", new byte[] {1});
        }
        assertThat(small.droppedMessages()).isEqualTo(3);
        assertThat(small.slowConsumerEvents()).as("three drops in a row are one episode").isEqualTo(1);
        release.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> handled.get() + small.droppedMessages() == 6);
        assertThat(handled.get()).isEqualTo(3);
        small.close();
    }
}
