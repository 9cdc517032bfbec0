package dev.imager.protocol.transport;

import dev.imager.protocol.codec.MessageCodec;
import dev.imager.protocol.message.Message;
import dev.imager.protocol.DaemonThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-process bus with core NATS semantics (see {@link Transport}), for local mode and tests.
 *
 * <p>Each subscription owns one daemon thread and a bounded queue of {@link #DEFAULT_MAX_PENDING}
 * messages. Like a NATS slow consumer, a subscription whose queue is full loses the message: it is
 * counted in {@link #droppedMessages()} and logged, never silently.
 */
public final class InMemoryTransport implements Transport {

    /** Messages a subscription may have queued before new ones are dropped. */
    public static final int DEFAULT_MAX_PENDING = 65_536;

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryTransport.class);

    private final List<Sub> subscriptions = new CopyOnWriteArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong slowConsumerEvents = new AtomicLong();
    private final int maxPending;
    private volatile boolean closed;

    public InMemoryTransport() {
        this(DEFAULT_MAX_PENDING);
    }

    public InMemoryTransport(int maxPending) {
        if (maxPending <= 0) {
            throw new IllegalArgumentException("maxPending must be > 0, got " + maxPending);
        }
        this.maxPending = maxPending;
    }

    @Override
    public void publish(String subject, String replyTo, byte[] payload) {
        deliver(publishable(subject), new InboundMessage(subject, replyTo, payload));
    }

    /** Hands over the object itself: receivers that need bytes (none in imager's own paths) encode it then. */
    @Override
    public void publish(String subject, String replyTo, Message message, MessageCodec codec) {
        deliver(publishable(subject), new InboundMessage(subject, replyTo, message, codec));
    }

    /** The subject's tokens, once it is a valid subject to publish on and the bus is open. */
    private String[] publishable(String subject) {
        String[] tokens = SubjectPattern.checkPublishSubject(subject);
        if (closed) {
            throw new TransportException("in-memory transport is closed");
        }
        return tokens;
    }

    private void deliver(String[] tokens, InboundMessage message) {
        Map<String, List<Sub>> groups = null;
        for (Sub sub : subscriptions) {
            if (!sub.pattern.matches(tokens)) {
                continue;
            }
            if (sub.queueGroup == null) {
                sub.offer(message);
            } else {
                if (groups == null) {
                    groups = new LinkedHashMap<>();
                }
                groups.computeIfAbsent(sub.queueGroup, g -> new ArrayList<>()).add(sub);
            }
        }
        if (groups != null) {
            for (List<Sub> members : groups.values()) {
                members.get(ThreadLocalRandom.current().nextInt(members.size())).offer(message);
            }
        }
    }

    @Override
    public Subscription subscribe(String subject, MessageHandler handler) {
        return add(subject, null, handler);
    }

    @Override
    public Subscription queueSubscribe(String subject, String queueGroup, MessageHandler handler) {
        if (queueGroup == null || queueGroup.isBlank()) {
            throw new IllegalArgumentException("queue group must not be blank");
        }
        return add(subject, queueGroup, handler);
    }

    @Override
    public void flush(Duration timeout) {
        if (closed) {
            throw new TransportException("in-memory transport is closed");
        }
        // publish() hands messages to subscriber queues synchronously: nothing is ever buffered here.
    }

    @Override
    public boolean isConnected() {
        return !closed;
    }

    @Override
    public String describe() {
        return "in-memory";
    }

    /** Messages lost because a subscription's queue was full. */
    @Override
    public long droppedMessages() {
        return dropped.get();
    }

    @Override
    public long slowConsumerEvents() {
        return slowConsumerEvents.get();
    }

    @Override
    public void close() {
        closed = true;
        for (Sub sub : subscriptions) {
            sub.unsubscribe();
        }
    }

    private Subscription add(String subject, String queueGroup, MessageHandler handler) {
        if (closed) {
            throw new TransportException("in-memory transport is closed");
        }
        Sub sub = new Sub(SubjectPattern.parse(subject), queueGroup, handler);
        subscriptions.add(sub);
        return sub;
    }

    private final class Sub implements Subscription {
        final SubjectPattern pattern;
        final String queueGroup;
        final MessageHandler handler;
        final ThreadPoolExecutor executor;
        volatile boolean active = true;
        /** Dropping since its queue filled, until it drains again: one slow-consumer episode. */
        volatile boolean slow;

        Sub(SubjectPattern pattern, String queueGroup, MessageHandler handler) {
            this.pattern = pattern;
            this.queueGroup = queueGroup;
            this.handler = handler;
            this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                    new LinkedBlockingQueue<>(maxPending), new DaemonThreadFactory("inmem-sub-" + pattern.pattern()));
        }

        void offer(InboundMessage message) {
            if (!active) {
                return;
            }
            try {
                executor.execute(() -> deliver(message));
            } catch (RejectedExecutionException e) {
                if (active) {
                    long total = dropped.incrementAndGet();
                    if (!slow) {
                        // Once per episode: a flood must not become a flood of log lines.
                        slow = true;
                        slowConsumerEvents.incrementAndGet();
                        LOG.warn("slow consumer on '{}': {} pending messages; dropping messages until it catches up "
                                + "({} dropped so far)", pattern.pattern(), maxPending, total);
                    }
                }
            }
        }

        private void deliver(InboundMessage message) {
            if (!active) {
                return;
            }
            try {
                handler.onMessage(message);
            } catch (RuntimeException e) {
                LOG.error("handler for '{}' failed on a message on '{}'", pattern.pattern(), message.subject(), e);
            }
            if (slow && executor.getQueue().isEmpty()) {
                slow = false;
            }
        }

        @Override
        public String subject() {
            return pattern.pattern();
        }

        @Override
        public void unsubscribe() {
            if (active) {
                active = false;
                subscriptions.remove(this);
                executor.shutdown();
            }
        }
    }
}
