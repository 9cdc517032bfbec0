package dev.imager.coordinator.run;

import dev.imager.protocol.Subjects;
import dev.imager.protocol.codec.MessageCodec;
import dev.imager.protocol.codec.MessageDecodeException;
import dev.imager.protocol.message.Heartbeat;
import dev.imager.protocol.message.JobAck;
import dev.imager.protocol.message.JobRejected;
import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.message.Message;
import dev.imager.protocol.transport.InboundMessage;
import dev.imager.protocol.transport.Subscription;
import dev.imager.protocol.transport.Transport;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the coordinator hears: heartbeats and everything that comes back on its results subject. Decodes on
 * the transport's threads and hands each message to the control thread, which owns all run state.
 */
final class BusInbox implements AutoCloseable {

    /** Messages for the control thread; implemented by {@link RunLoop}. */
    interface Sink {
        void heartbeat(Heartbeat beat);

        void ack(JobAck ack);

        void result(JobResult result);

        void rejected(JobRejected rejected);
    }

    private static final Logger LOG = LoggerFactory.getLogger(BusInbox.class);

    private final MessageCodec codec = new MessageCodec();
    private final Subscription heartbeats;
    private final Subscription results;
    private long undecodable;

    BusInbox(Transport transport, Subjects subjects, String coordinatorId, Executor control, Sink sink) {
        heartbeats = transport.subscribe(subjects.allHeartbeats(),
                m -> decode(m, message -> {
                    if (message instanceof Heartbeat beat) {
                        control.execute(() -> sink.heartbeat(beat));
                    }
                }));
        results = transport.subscribe(subjects.results(coordinatorId),
                m -> decode(m, message -> {
                    if (message instanceof JobResult r) {
                        control.execute(() -> sink.result(r));
                    } else if (message instanceof JobAck a) {
                        control.execute(() -> sink.ack(a));
                    } else if (message instanceof JobRejected r) {
                        control.execute(() -> sink.rejected(r));
                    }
                }));
        transport.flush(Duration.ofSeconds(5));
    }

    private void decode(InboundMessage m, Consumer<Message> then) {
        try {
            then.accept(codec.decode(m.payload()));
        } catch (MessageDecodeException e) {
            undecodable++;
            if (undecodable == 1 || undecodable % 1000 == 0) {
                LOG.warn("ignoring undecodable message on {} ({} so far): {}", m.subject(), undecodable, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        heartbeats.unsubscribe();
        results.unsubscribe();
    }
}
