package dev.imager.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.config.CoordinatorConfig;
import dev.imager.coordinator.ledger.CompletedRound;
import dev.imager.coordinator.registry.WorkerEvent;
import dev.imager.coordinator.status.RunStatus;
import dev.imager.coordinator.testing.Configs;
import dev.imager.protocol.Subjects;
import dev.imager.protocol.codec.MessageCodec;
import dev.imager.protocol.message.Message;
import dev.imager.protocol.transport.InMemoryTransport;
import dev.imager.protocol.transport.MessageHandler;
import dev.imager.protocol.transport.Subscription;
import dev.imager.protocol.transport.Transport;
import dev.imager.sumservice.SumServer;
import dev.imager.sumservice.SumServiceConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Local mode starts its workers once the coordinator listens on the bus, so each registers with the first heartbeat
 * it sends: no run waits a heartbeat interval (a second) for workers in its own process. The bus counts each
 * worker's beats as they are published (on the worker's thread, before delivery); when the coordinator registers a
 * worker, that worker must have published exactly one. Had the first been lost, the registration would come with
 * the second, a second later.
 *
 * <p>Whether a beat sent too early is lost is a race (the coordinator may subscribe first by chance), so the bus
 * forces the losing order where it can: it holds the coordinator's heartbeat subscription until some worker has
 * beaten, for at most {@link #HOLD}. Workers started before the coordinator listens beat within it and lose that
 * beat; workers started only once it listens cannot beat before it, and the hold just runs out.
 */
class LocalWorkersRegistrationIT {

    private static final Duration HOLD = Duration.ofSeconds(2);

    @Test
    void localWorkersRegisterWithTheirFirstHeartbeat() throws Exception {
        try (SumServer target = SumServer.start(SumServiceConfig.defaults().withHost("127.0.0.1").withPort(0));
                InMemoryTransport memory = new InMemoryTransport()) {
            CoordinatorConfig config = Configs.parse("--local-workers", "2", "-target-mode", "url",
                    "-target-url", "http://127.0.0.1:" + target.port(), "-request-source-type", "random-sum",
                    "-load-calculator", "step", "-min-rps", "20", "-max-rps", "20", "--duration", "30s",
                    "--min-workers", "2", "-listen-port", "0");
            BeatCountingBus bus = new BeatCountingBus(memory, config.subjects());
            Map<String, Integer> beatsAtRegistration = new ConcurrentHashMap<>();
            RunControl control = new RunControl();
            RunListener listener = new RunListener() {
                @Override
                public void onRound(CompletedRound round, RunStatus status) {
                    control.stop("one round");
                }

                @Override
                public void onWorkerEvent(WorkerEvent event) {
                    if (event.from() == null) {
                        beatsAtRegistration.put(event.workerId(), bus.beats(event.workerId()));
                    }
                }
            };

            FinishedRun finished = Coordinator.run(config,
                    RunOptions.defaults().withTransport(bus).withListener(listener), control);

            assertThat(finished.endReason()).isEqualTo("one round");
            assertThat(beatsAtRegistration).as("beats each worker had published when it registered")
                    .isEqualTo(Map.of("local-1", 1, "local-2", 1));
        }
    }

    /** The in-memory bus, counting each worker's heartbeats as they are published. */
    private static final class BeatCountingBus implements Transport {

        private final Transport bus;
        private final Subjects subjects;
        private final Map<String, AtomicInteger> beats = new ConcurrentHashMap<>();
        private final CountDownLatch firstBeat = new CountDownLatch(1);

        BeatCountingBus(Transport bus, Subjects subjects) {
            this.bus = bus;
            this.subjects = subjects;
        }

        int beats(String workerId) {
            AtomicInteger n = beats.get(workerId);
            return n == null ? 0 : n.get();
        }

        private void count(String subject) {
            subjects.workerOfHeartbeat(subject).ifPresent(id -> {
                beats.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                firstBeat.countDown();
            });
        }

        @Override
        public void publish(String subject, String replyTo, byte[] payload) {
            count(subject);
            bus.publish(subject, replyTo, payload);
        }

        @Override
        public void publish(String subject, String replyTo, Message message, MessageCodec codec) {
            count(subject);
            bus.publish(subject, replyTo, message, codec);
        }

        @Override
        public Subscription subscribe(String subject, MessageHandler handler) {
            if (subject.equals(subjects.allHeartbeats())) {
                try {
                    firstBeat.await(HOLD.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return bus.subscribe(subject, handler);
        }

        @Override
        public Subscription queueSubscribe(String subject, String queueGroup, MessageHandler handler) {
            return bus.queueSubscribe(subject, queueGroup, handler);
        }

        @Override
        public void flush(Duration timeout) {
            bus.flush(timeout);
        }

        @Override
        public boolean isConnected() {
            return bus.isConnected();
        }

        @Override
        public String describe() {
            return bus.describe();
        }

        @Override
        public void close() {
            bus.close();
        }
    }
}
