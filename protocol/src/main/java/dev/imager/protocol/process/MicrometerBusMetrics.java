package dev.imager.protocol.process;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongSupplier;

/**
 * The bus's message-loss counters of an imager process, {@code <prefix>.bus.dropped.messages} and
 * {@code <prefix>.bus.slow.consumer.events}, read from the transport at scrape time. Micrometer keeps only a weak
 * reference to a function counter's state: this object holds the suppliers strongly, so its owner keeps it in a
 * field for as long as the meters should read.
 */
public final class MicrometerBusMetrics {

    private final LongSupplier droppedMessages;
    private final LongSupplier slowConsumerEvents;

    private MicrometerBusMetrics(LongSupplier droppedMessages, LongSupplier slowConsumerEvents) {
        this.droppedMessages = droppedMessages;
        this.slowConsumerEvents = slowConsumerEvents;
    }

    /**
     * Registers both counters under {@code prefix} (e.g. {@code imager.worker}).
     *
     * @param droppedMessages messages the bus dropped because a subscription's backlog was full, so far
     * @param slowConsumerEvents times a subscription's backlog filled, so far
     */
    public static MicrometerBusMetrics bindTo(MeterRegistry registry, String prefix, LongSupplier droppedMessages,
            LongSupplier slowConsumerEvents) {
        MicrometerBusMetrics bound = new MicrometerBusMetrics(droppedMessages, slowConsumerEvents);
        FunctionCounter.builder(prefix + ".bus.dropped.messages", bound.droppedMessages, LongSupplier::getAsLong)
                .description("Messages the bus dropped because a subscription's backlog was full").register(registry);
        FunctionCounter.builder(prefix + ".bus.slow.consumer.events", bound.slowConsumerEvents,
                LongSupplier::getAsLong)
                .description("Times a subscription's backlog filled and it started dropping messages")
                .register(registry);
        return bound;
    }
}
