package dev.imager.coordinator.run;

import dev.imager.coordinator.inbox.MessageRefusal;
import dev.imager.protocol.Subjects;
import dev.imager.protocol.codec.MessageCodec;
import dev.imager.protocol.codec.MessageDecodeException;
import dev.imager.protocol.message.Heartbeat;
import dev.imager.protocol.message.JobAck;
import dev.imager.protocol.message.JobRejected;
import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.message.Message;
import dev.imager.protocol.process.BoundedHandOff;
import dev.imager.protocol.transport.InboundMessage;
import dev.imager.protocol.transport.Subscription;
import dev.imager.protocol.transport.Transport;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * What the coordinator hears: heartbeats and everything that comes back on its results subject. Decodes on the
 * transport's threads and hands each message to the control thread, which owns all run state. Refuses on the way
 * what cannot be right whatever the run's state: bytes that are no message of the subject's kinds, and a heartbeat
 * whose subject names another worker than the beat does. At most {@link #MAX_PENDING} messages wait for the control
 * thread; a flood beyond that is refused ({@code queue_full}) rather than kept.
 */
final class BusInbox implements AutoCloseable {

    /** Messages for the control thread; implemented by {@link RunInbox}. */
    interface Sink {
        void heartbeat(Heartbeat beat);

        void ack(JobAck ack);

        void result(JobResult result);

        void rejected(JobRejected rejected);
    }

    /** Messages waiting for the control thread at most (a few seconds of results of a very fast run). */
    static final int MAX_PENDING = 10_000;

    private final MessageCodec codec = new MessageCodec();
    private final Subjects subjects;
    private final BoundedHandOff handOff;
    private final Refusals refusals;
    private final Subscription heartbeats;
    private final Subscription results;

    BusInbox(Transport transport, Subjects subjects, String coordinatorId, Executor control, Sink sink,
            Refusals refusals) {
        this.subjects = subjects;
        this.handOff = new BoundedHandOff(control, MAX_PENDING);
        this.refusals = refusals;
        heartbeats = transport.subscribe(subjects.allHeartbeats(), m -> decode(m).ifPresent(message -> {
            if (message instanceof Heartbeat beat && namesItsWorker(m, beat)) {
                handOff(m, () -> sink.heartbeat(beat));
            } else if (!(message instanceof Heartbeat)) {
                refusals.refuse(MessageRefusal.UNDECODABLE, "a " + message.getClass().getSimpleName() + " on "
                        + m.subject());
            }
        }));
        results = transport.subscribe(subjects.results(coordinatorId), m -> decode(m).ifPresent(message -> {
            if (message instanceof JobResult r) {
                handOff(m, () -> sink.result(r));
            } else if (message instanceof JobAck a) {
                handOff(m, () -> sink.ack(a));
            } else if (message instanceof JobRejected r) {
                handOff(m, () -> sink.rejected(r));
            } else {
                refusals.refuse(MessageRefusal.UNDECODABLE, "a " + message.getClass().getSimpleName() + " on "
                        + m.subject());
            }
        }));
        transport.flush(Duration.ofSeconds(5));
    }

    private boolean namesItsWorker(InboundMessage m, Heartbeat beat) {
        if (subjects.workerOfHeartbeat(m.subject()).filter(beat.workerId()::equals).isPresent()) {
            return true;
        }
        refusals.refuse(MessageRefusal.SUBJECT_MISMATCH, "a heartbeat of worker " + beat.workerId() + " on "
                + m.subject());
        return false;
    }

    private void handOff(InboundMessage m, Runnable task) {
        if (!handOff.offer(task)) {
            refusals.refuse(MessageRefusal.QUEUE_FULL, MAX_PENDING + " messages wait for the control thread; one on "
                    + m.subject() + " was dropped");
        }
    }

    private Optional<Message> decode(InboundMessage m) {
        try {
            return Optional.of(codec.decode(m, Message.class));
        } catch (MessageDecodeException e) {
            refusals.refuse(MessageRefusal.UNDECODABLE, "on " + m.subject() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        heartbeats.unsubscribe();
        results.unsubscribe();
    }
}
