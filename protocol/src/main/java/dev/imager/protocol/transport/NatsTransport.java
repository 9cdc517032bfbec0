package dev.imager.protocol.transport;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Transport} on a jnats connection. Reconnects forever with jittered backoff and resubscribes on
 * its own; while disconnected, publishes are buffered (up to {@link #RECONNECT_BUFFER_BYTES}) and sent on
 * reconnect. Each subscription gets its own dispatcher thread, so a slow handler never delays another.
 */
public final class NatsTransport implements Transport {

    /** Bytes of outgoing messages kept while reconnecting; beyond that publishing fails loudly. */
    public static final long RECONNECT_BUFFER_BYTES = 64L * 1024 * 1024;

    /**
     * Messages a subscription may have pending (received, not yet handled) before further ones are dropped and
     * counted ({@link #droppedMessages()}): about a minute of results from a fast run.
     */
    public static final int PENDING_MESSAGE_LIMIT = 100_000;

    /** Bytes a subscription may have pending before further messages are dropped and counted (jnats' default). */
    public static final long PENDING_BYTES_LIMIT = 64L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(NatsTransport.class);

    private final Connection connection;
    private final String description;
    private final SlowConsumers slowConsumers;
    private final int pendingMessageLimit;
    private final long pendingBytesLimit;
    private final List<Dispatcher> dispatchers = new CopyOnWriteArrayList<>();
    /** Drops counted by dispatchers already closed (a closed dispatcher's count is gone with it). */
    private final AtomicLong droppedByClosed = new AtomicLong();
    /** Started by the first {@link #unansweredNanos} call: only a process that asks pays for its thread. */
    private BrokerPulse pulse;
    private boolean closed;

    private NatsTransport(Connection connection, String description, SlowConsumers slowConsumers,
            int pendingMessageLimit, long pendingBytesLimit) {
        this.connection = connection;
        this.description = description;
        this.slowConsumers = slowConsumers;
        this.pendingMessageLimit = pendingMessageLimit;
        this.pendingBytesLimit = pendingBytesLimit;
    }

    /**
     * Connects, retrying the first connection for {@link NatsSettings#connectTimeout()}.
     *
     * @throws TransportException naming the servers when the settings are invalid or no server answered
     */
    public static NatsTransport connect(NatsSettings settings) {
        return connect(settings, PENDING_MESSAGE_LIMIT, PENDING_BYTES_LIMIT);
    }

    /** {@link #connect(NatsSettings)} with other pending limits per subscription (tests make them small). */
    static NatsTransport connect(NatsSettings settings, int pendingMessageLimit, long pendingBytesLimit) {
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new TransportException("invalid NATS settings: " + String.join("; ", problems));
        }
        SlowConsumers slowConsumers = new SlowConsumers();
        Options options = options(settings, slowConsumers);
        long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
        Duration backoff = Duration.ofMillis(100);
        Exception last = null;
        for (int attempt = 1; ; attempt++) {
            try {
                Connection connection = Nats.connect(options);
                LOG.info("connected to NATS {} as '{}'", connection.getConnectedUrl(), settings.connectionName());
                return new NatsTransport(connection, settings.servers(), slowConsumers, pendingMessageLimit,
                        pendingBytesLimit);
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException("interrupted while connecting to NATS " + settings.servers(), e);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TransportException("cannot connect to NATS at " + settings.servers() + " after "
                        + attempt + " attempt(s) in " + settings.connectTimeout().toSeconds() + "s: "
                        + (last == null ? "no answer" : last.getMessage()), last);
            }
            LOG.warn("NATS at {} not reachable yet ({}); retrying", settings.servers(), last.getMessage());
            try {
                Thread.sleep(Math.min(backoff.toMillis(), Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException("interrupted while connecting to NATS " + settings.servers(), e);
            }
            backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2)
                    : backoff.multipliedBy(2);
        }
    }

    private static Options options(NatsSettings settings, SlowConsumers slowConsumers) {
        Options.Builder builder = new Options.Builder()
                .servers(settings.serverList().toArray(new String[0]))
                .connectionName(settings.connectionName())
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(500))
                .reconnectJitter(Duration.ofMillis(250))
                .connectionTimeout(Duration.ofSeconds(2))
                .reconnectBufferSize(RECONNECT_BUFFER_BYTES)
                .connectionListener(connectionListener())
                .errorListener(errorListener(slowConsumers));
        if (settings.user() != null) {
            builder.userInfo(settings.user(), settings.password());
        }
        if (settings.token() != null) {
            builder.token(settings.token().toCharArray());
        }
        if (settings.credentialsFile() != null) {
            builder.authHandler(Nats.credentials(settings.credentialsFile().toString()));
        }
        if (settings.tlsRequired()) {
            try {
                builder.sslContext(HostnameVerifyingSslContext.wrap(PemSslContext.create(settings.tlsCaFile(),
                        settings.tlsCertFile(), settings.tlsKeyFile())));
            } catch (IOException | GeneralSecurityException e) {
                throw new TransportException("cannot set up TLS for NATS: " + e.getMessage(), e);
            }
            // By default jnats resolves a server's name and connects to the address, handing the address to the TLS
            // socket: the certificate would then be checked against an IP. Happy Eyeballs resolves inside the
            // connect and keeps the name, so the name in --nats-url is what the certificate must carry.
            builder.hostnameResolveMode(Options.HostnameResolveMode.HappyEyeballs);
        }
        return builder.build();
    }

    private static ConnectionListener connectionListener() {
        return (conn, event) -> {
            switch (event) {
                case DISCONNECTED -> LOG.warn("NATS connection lost; reconnecting (publishes are buffered)");
                case RECONNECTED -> LOG.info("NATS reconnected to {}", conn.getConnectedUrl());
                case RESUBSCRIBED -> LOG.info("NATS subscriptions restored");
                case CLOSED -> LOG.info("NATS connection closed");
                default -> LOG.debug("NATS connection event {}", event);
            }
        };
    }

    /** Counts slow-consumer episodes, which jnats reports to the error listener. */
    private static final class SlowConsumers {
        final AtomicLong events = new AtomicLong();
    }

    private static ErrorListener errorListener(SlowConsumers slowConsumers) {
        return new ErrorListener() {
            @Override
            public void errorOccurred(Connection conn, String error) {
                LOG.error("NATS server error: {}", error);
            }

            @Override
            public void exceptionOccurred(Connection conn, Exception exp) {
                LOG.warn("NATS connection exception: {}", exp.toString());
            }

            @Override
            public void slowConsumerDetected(Connection conn, Consumer consumer) {
                slowConsumers.events.incrementAndGet();
                LOG.error("NATS slow consumer: a subscription reached its limit of pending messages or bytes; "
                        + "messages are being dropped ({} dropped so far)", consumer.getDroppedCount());
            }
        };
    }

    @Override
    public void publish(String subject, String replyTo, byte[] payload) {
        SubjectPattern.checkPublishSubject(subject);
        try {
            connection.publish(subject, replyTo, payload);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new TransportException("cannot publish on '" + subject + "': " + e.getMessage(), e);
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

    private Subscription add(String subject, String queueGroup, MessageHandler handler) {
        SubjectPattern.parse(subject);
        Dispatcher dispatcher;
        try {
            dispatcher = connection.createDispatcher(msg -> {
                try {
                    handler.onMessage(new InboundMessage(msg.getSubject(), msg.getReplyTo(), msg.getData()));
                } catch (RuntimeException e) {
                    LOG.error("handler for '{}' failed on a message on '{}'", subject, msg.getSubject(), e);
                }
            });
        } catch (IllegalStateException e) {
            throw new TransportException("cannot subscribe to '" + subject + "': " + e.getMessage(), e);
        }
        dispatcher.setPendingLimits(pendingMessageLimit, pendingBytesLimit);
        dispatchers.add(dispatcher);
        if (queueGroup == null) {
            dispatcher.subscribe(subject);
        } else {
            dispatcher.subscribe(subject, queueGroup);
        }
        return new Subscription() {
            private volatile boolean active = true;

            @Override
            public String subject() {
                return subject;
            }

            @Override
            public void unsubscribe() {
                if (active) {
                    active = false;
                    if (dispatchers.remove(dispatcher)) {
                        droppedByClosed.addAndGet(dispatcher.getDroppedCount());
                    }
                    try {
                        connection.closeDispatcher(dispatcher);
                    } catch (IllegalStateException e) {
                        LOG.debug("unsubscribe from '{}' after close: {}", subject, e.getMessage());
                    }
                }
            }
        };
    }

    @Override
    public void flush(Duration timeout) {
        try {
            connection.flush(timeout);
        } catch (TimeoutException e) {
            throw new TransportException("NATS flush did not complete within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while flushing to NATS", e);
        } catch (IllegalStateException e) {
            throw new TransportException("cannot flush: " + e.getMessage(), e);
        }
    }

    @Override
    public long droppedMessages() {
        long sum = droppedByClosed.get();
        for (Dispatcher d : dispatchers) {
            sum += d.getDroppedCount();
        }
        return sum;
    }

    @Override
    public long slowConsumerEvents() {
        return slowConsumers.events.get();
    }

    @Override
    public boolean isConnected() {
        return connection.getStatus() == Connection.Status.CONNECTED;
    }

    /**
     * Since the server last delivered a message or answered a PING (one every {@link BrokerPulse#INTERVAL}). The
     * first call starts the pinging and returns 0.
     */
    @Override
    public synchronized long unansweredNanos(long nowNanos) {
        if (pulse == null) {
            if (closed) {
                return 0;
            }
            pulse = new BrokerPulse(connection);
        }
        return pulse.unansweredNanos(nowNanos);
    }

    @Override
    public String describe() {
        return description;
    }

    /** The underlying connection, for NATS-only features (the micro service status endpoint). */
    public Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (pulse != null) {
                pulse.close();
            }
        }
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
