package dev.imager.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.imager.protocol.codec.MessageCodec;
import dev.imager.protocol.codec.MessageDecodeException;
import dev.imager.protocol.message.Heartbeat;
import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.RequestSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The semantics every {@link Transport} must have (see its Javadoc). Subclasses provide two transports:
 * a publisher and a subscriber side, which may be the same object.
 */
abstract class TransportContract {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<Transport> opened = new ArrayList<>();

    /** A new transport on the shared bus; each call may return a new connection. */
    protected abstract Transport open();

    protected Transport track(Transport t) {
        opened.add(t);
        return t;
    }

    @AfterEach
    void closeAll() {
        opened.forEach(Transport::close);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(InboundMessage m) {
        return new String(m.payload(), StandardCharsets.UTF_8);
    }

    /** Subscribes and makes sure the subscription is live on the bus before the test publishes. */
    private Subscription subscribed(Transport sub, String subject, MessageHandler handler) {
        Subscription s = sub.subscribe(subject, handler);
        sub.flush(WAIT);
        return s;
    }

    @Test
    void deliversPayloadSubjectAndReplyTo() throws Exception {
        Transport pub = open();
        Transport sub = open();
        CompletableFuture<InboundMessage> got = new CompletableFuture<>();
        subscribed(sub, "t.one", got::complete);

        pub.publish("t.one", "t.reply.x", bytes("hello"));
        pub.flush(WAIT);

        InboundMessage m = got.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(m.subject()).isEqualTo("t.one");
        assertThat(m.replyTo()).isEqualTo("t.reply.x");
        assertThat(text(m)).isEqualTo("hello");
    }

    @Test
    void aMessagePublishedAsAnObjectArrivesAsThatMessageAndItsExactEncoding() throws Exception {
        MessageCodec codec = new MessageCodec();
        Job job = new Job("run-1", 3, "job-7", 1_000_000_000L, new long[] {0, 250, 250, 900},
                List.of(RequestSpec.get("/a", ""), RequestSpec.get("/b", "x=1"), RequestSpec.get("/a", ""),
                        RequestSpec.get("/c", "")), List.of("http://127.0.0.1:8080"), 2_000);
        Transport pub = open();
        Transport sub = open();
        CompletableFuture<InboundMessage> got = new CompletableFuture<>();
        subscribed(sub, "t.object", got::complete);

        pub.publish("t.object", "t.reply.o", job, codec);
        pub.flush(WAIT);

        InboundMessage m = got.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(m.replyTo()).isEqualTo("t.reply.o");
        Job received = codec.decode(m, Job.class);
        assertThat(received.jobId()).isEqualTo("job-7");
        assertThat(received.round()).isEqualTo(3);
        assertThat(received.offsetsMicros()).containsExactly(0, 250, 250, 900);
        assertThat(received.requests()).isEqualTo(job.requests());
        assertThat(received.targets()).isEqualTo(job.targets());
        assertThat(m.payload()).isEqualTo(codec.encode(job));
        assertThatThrownBy(() -> codec.decode(m, Heartbeat.class)).isInstanceOf(MessageDecodeException.class);
    }

    @Test
    void publishWithoutReplyHasNullReplyTo() throws Exception {
        Transport pub = open();
        Transport sub = open();
        CompletableFuture<InboundMessage> got = new CompletableFuture<>();
        subscribed(sub, "t.noreply", got::complete);

        pub.publish("t.noreply", bytes("x"));

        assertThat(got.get(WAIT.toSeconds(), TimeUnit.SECONDS).replyTo()).isNull();
    }

    @Test
    void starMatchesExactlyOneToken() {
        Transport pub = open();
        Transport sub = open();
        List<String> seen = new CopyOnWriteArrayList<>();
        subscribed(sub, "w.*.beat", m -> seen.add(m.subject()));
        CompletableFuture<Void> end = new CompletableFuture<>();
        subscribed(sub, "w.end", m -> end.complete(null));

        pub.publish("w.a.beat", bytes("1"));
        pub.publish("w.a.b.beat", bytes("2"));
        pub.publish("w.beat", bytes("3"));
        pub.publish("w.b.beat", bytes("4"));
        pub.publish("w.end", bytes("end"));
        pub.flush(WAIT);

        end.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        await().atMost(WAIT).until(() -> seen.size() >= 2);
        assertThat(seen).containsExactly("w.a.beat", "w.b.beat");
    }

    @Test
    void greaterThanMatchesOneOrMoreTrailingTokens() {
        Transport pub = open();
        Transport sub = open();
        List<String> seen = new CopyOnWriteArrayList<>();
        subscribed(sub, "g.>", m -> seen.add(m.subject()));

        pub.publish("g", bytes("no"));
        pub.publish("g.a", bytes("yes"));
        pub.publish("g.a.b.c", bytes("yes"));
        pub.publish("h.a", bytes("no"));
        pub.flush(WAIT);

        await().atMost(WAIT).until(() -> seen.size() >= 2);
        assertThat(seen).containsExactly("g.a", "g.a.b.c");
    }

    @Test
    void queueGroupDeliversEachMessageToExactlyOneMember() {
        Transport pub = open();
        int members = 3;
        int messages = 300;
        List<ConcurrentLinkedQueue<String>> received = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            ConcurrentLinkedQueue<String> q = new ConcurrentLinkedQueue<>();
            received.add(q);
            Transport sub = open();
            sub.queueSubscribe("q.jobs", "workers", m -> q.add(text(m)));
            sub.flush(WAIT);
        }
        ConcurrentLinkedQueue<String> observer = new ConcurrentLinkedQueue<>();
        subscribed(open(), "q.jobs", m -> observer.add(text(m)));

        for (int i = 0; i < messages; i++) {
            pub.publish("q.jobs", bytes("m" + i));
        }
        pub.flush(WAIT);

        await().atMost(WAIT).until(() -> received.stream().mapToInt(ConcurrentLinkedQueue::size).sum() >= messages
                && observer.size() >= messages);
        List<String> all = new ArrayList<>();
        received.forEach(all::addAll);
        Set<String> distinct = new HashSet<>(all);
        assertThat(all).hasSize(messages);
        assertThat(distinct).hasSize(messages);
        // With 300 messages, a member getting none would mean the group is not spreading at all.
        assertThat(received).allSatisfy(q -> assertThat(q).isNotEmpty());
        // A plain subscriber beside the group still sees every message.
        assertThat(observer).hasSize(messages);
    }

    @Test
    void preservesPublishOrderPerSubscriber() {
        Transport pub = open();
        Transport sub = open();
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        subscribed(sub, "o.seq", m -> seen.add(Integer.parseInt(text(m))));

        int n = 2_000;
        for (int i = 0; i < n; i++) {
            pub.publish("o.seq", bytes(Integer.toString(i)));
        }
        pub.flush(WAIT);

        await().atMost(WAIT).until(() -> seen.size() >= n);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add(i);
        }
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void unsubscribeStopsDelivery() {
        Transport pub = open();
        Transport sub = open();
        List<String> first = new CopyOnWriteArrayList<>();
        Subscription s = subscribed(sub, "u.x", m -> first.add(text(m)));
        pub.publish("u.x", bytes("before"));
        pub.flush(WAIT);
        await().atMost(WAIT).until(() -> first.size() == 1);

        s.unsubscribe();
        s.unsubscribe(); // idempotent
        sub.flush(WAIT);
        CompletableFuture<String> witness = new CompletableFuture<>();
        subscribed(sub, "u.x", m -> witness.complete(text(m)));
        pub.publish("u.x", bytes("after"));
        pub.flush(WAIT);

        assertThat(witness.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join()).isEqualTo("after");
        assertThat(first).containsExactly("before");
        assertThat(s.subject()).isEqualTo("u.x");
    }

    @Test
    void aFailingHandlerKeepsItsSubscription() {
        Transport pub = open();
        Transport sub = open();
        List<String> seen = new CopyOnWriteArrayList<>();
        subscribed(sub, "f.x", m -> {
            seen.add(text(m));
            if (text(m).equals("boom")) {
                throw new IllegalStateException("handler failure on purpose");
            }
        });

        pub.publish("f.x", bytes("boom"));
        pub.publish("f.x", bytes("after"));
        pub.flush(WAIT);

        await().atMost(WAIT).until(() -> seen.size() >= 2);
        assertThat(seen).containsExactly("boom", "after");
    }

    @Test
    void rejectsWildcardsInPublishSubjectsAndBadSubscriptionSubjects() {
        Transport t = open();
        assertThatThrownBy(() -> t.publish("a.*", bytes("x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wildcard");
        assertThatThrownBy(() -> t.publish("a..b", bytes("x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty token");
        assertThatThrownBy(() -> t.subscribe("a.>.b", m -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("last token");
        assertThatThrownBy(() -> t.queueSubscribe("a.b", " ", m -> { })).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closedTransportRefusesToPublishAndReportsDisconnected() {
        Transport t = open();
        assertThat(t.isConnected()).isTrue();
        t.close();
        t.close(); // idempotent
        assertThat(t.isConnected()).isFalse();
        assertThatThrownBy(() -> t.publish("c.x", bytes("x"))).isInstanceOf(TransportException.class);
    }
}
