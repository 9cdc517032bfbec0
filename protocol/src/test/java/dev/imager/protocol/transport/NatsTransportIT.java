package dev.imager.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.imager.protocol.testing.NatsTestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The transport contract on a real nats-server, plus reconnect and connection-failure behaviour. */
class NatsTransportIT extends TransportContract {

    private static NatsTestServer server;

    @BeforeAll
    static void startServer() {
        server = NatsTestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    protected Transport open() {
        return track(NatsTransport.connect(NatsSettings.of(server.url()).withConnectionName("contract-test")));
    }

    @Test
    void subscriptionsSurviveAServerRestartAndBufferedPublishesArrive() {
        Assumptions.assumeTrue(server.restartable(), "needs a server the test owns");
        // One connection publishes and subscribes: jnats restores its subscriptions before it sends what it
        // buffered, so nothing published during the outage is lost. (Across two connections a buffered
        // message can reach the server before the other side resubscribes; the coordinator's ledger is what
        // accounts for such loss.)
        Transport pub = open();
        Transport sub = pub;
        List<String> seen = new CopyOnWriteArrayList<>();
        sub.subscribe("r.x", m -> seen.add(new String(m.payload(), StandardCharsets.UTF_8)));
        sub.flush(Duration.ofSeconds(5));
        pub.publish("r.x", "before".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("before"));

        server.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> !pub.isConnected());
        // Published while disconnected: buffered by the client and sent after reconnect.
        pub.publish("r.x", "during".getBytes(StandardCharsets.UTF_8));
        server.restart();

        await().atMost(Duration.ofSeconds(20)).until(pub::isConnected);
        sub.flush(Duration.ofSeconds(5));
        pub.publish("r.x", "after".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains("after"));
        assertThat(seen).containsExactly("before", "during", "after");
    }

    @Test
    void aStalledBrokerGoesUnansweredThoughConnectedAndAnswersAgainOnceItResumes() {
        Assumptions.assumeTrue(server.restartable(), "needs a server the test owns");
        Transport transport = open();
        assertThat(transport.unansweredNanos(System.nanoTime())).as("the first call starts the pulse").isZero();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> transport.unansweredNanos(System.nanoTime()) < Duration.ofMillis(300).toNanos());

        server.pause();
        try {
            // Frozen: the connection stays up, and the PINGs go unanswered; for longer than two PINGs with a 2 s
            // timeout each would take, after which jnats drops a connection as stale: the pulse keeps one outstanding.
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> transport.unansweredNanos(System.nanoTime()) > Duration.ofSeconds(5).toNanos());
            assertThat(transport.isConnected()).as("a stalled broker keeps its connections").isTrue();
        } finally {
            server.resume();
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> transport.unansweredNanos(System.nanoTime()) < Duration.ofMillis(500).toNanos());
        assertThat(transport.isConnected()).isTrue();
        assertThat(((NatsTransport) transport).connection().getStatistics().getReconnects())
                .as("the connection was never dropped").isZero();
    }

    @Test
    void aSubscriptionsBacklogIsBoundedInBytesAndWhatItDropsIsCounted() throws Exception {
        // Room for 1,000 messages but only 4 KiB: 50 messages of 1 KiB behind a stalled handler overflow the bytes.
        try (NatsTransport t = NatsTransport.connect(NatsSettings.of(server.url()), 1_000, 4 * 1024)) {
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.atomic.AtomicInteger handled = new java.util.concurrent.atomic.AtomicInteger();
            t.subscribe("slow.x", m -> {
                try {
                    release.await(20, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                handled.incrementAndGet();
            });
            t.flush(Duration.ofSeconds(5));
            for (int i = 0; i < 50; i++) {
                t.publish("slow.x", new byte[1024]);
            }
            t.flush(Duration.ofSeconds(5));

            await().atMost(Duration.ofSeconds(10)).until(() -> t.droppedMessages() > 0);
            assertThat(t.slowConsumerEvents()).isPositive();
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> handled.get() + t.droppedMessages() == 50);
            assertThat(handled.get()).as("what the backlog held").isLessThanOrEqualTo(6);
        }
    }

    @Test
    void connectFailureNamesTheServerAndGivesUpAfterTheTimeout() {
        int deadPort = NatsTestServer.freePort();
        NatsSettings settings = NatsSettings.of("nats://127.0.0.1:" + deadPort)
                .withConnectTimeout(Duration.ofMillis(600));
        long start = System.nanoTime();
        assertThatThrownBy(() -> NatsTransport.connect(settings))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("127.0.0.1:" + deadPort);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void invalidSettingsAreRejectedBeforeConnecting() {
        NatsSettings settings = NatsSettings.of("http://x").withToken("t").withUserPassword("u", null);
        assertThatThrownBy(() -> NatsTransport.connect(settings))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("--nats-url")
                .hasMessageContaining("choose one authentication method")
                .hasMessageContaining("--nats-user: needs --nats-password");
    }
}
