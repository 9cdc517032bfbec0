package dev.imager.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.protocol.EpochClock;
import dev.imager.protocol.Subjects;
import dev.imager.protocol.codec.MessageCodec;
import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.message.RequestSpec;
import dev.imager.protocol.testing.NatsTestServer;
import dev.imager.protocol.transport.NatsSettings;
import dev.imager.protocol.transport.NatsTransport;
import dev.imager.protocol.transport.Transport;
import dev.imager.worker.engine.EngineSettings;
import dev.imager.worker.engine.HttpEngine;
import dev.imager.worker.metrics.WorkerMetrics;
import dev.imager.worker.testing.Jobs;
import dev.imager.worker.testing.LoopbackHttpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the worker's integration tests over a real nats-server share: the server and a loopback HTTP target for
 * the class, a subject prefix and a bus connection of each test's own, workers started on them and closed after
 * it, and the jobs and result checks they use. A base class so that the tests split by what they are about
 * ({@link WorkerIT}, {@link WorkerJobRefusalIT}) keep one fixture.
 */
abstract class WorkerOverNatsFixture {

    static final Duration WAIT = Duration.ofSeconds(15);

    static NatsTestServer nats;
    static LoopbackHttpServer target;

    final MessageCodec codec = new MessageCodec();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    Subjects subjects;
    Transport bus;

    @BeforeAll
    static void startServers() {
        nats = NatsTestServer.start();
        target = LoopbackHttpServer.start();
    }

    @AfterAll
    static void stopServers() {
        target.close();
        nats.close();
    }

    @BeforeEach
    void connect() {
        // A fresh prefix per test keeps tests from seeing each other's messages.
        subjects = Subjects.withPrefix("t" + UUID.randomUUID().toString().substring(0, 8));
        bus = closing(NatsTransport.connect(NatsSettings.of(nats.url())));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    <T extends AutoCloseable> T closing(T c) {
        closeables.add(c);
        return c;
    }

    Worker startWorker(Transport transport, WorkerSettings settings) {
        return startWorker(transport, settings, WorkerMetrics.NOOP);
    }

    Worker startWorker(Transport transport, WorkerSettings settings, WorkerMetrics metrics) {
        HttpEngine engine = closing(new HttpEngine(EngineSettings.defaults().withEventLoops(2), metrics));
        return closing(new Worker(settings, transport, engine, metrics, EpochClock.SYSTEM)).start();
    }

    Worker startWorker(String id) {
        return startWorker(closing(NatsTransport.connect(NatsSettings.of(nats.url()))), settings(id));
    }

    WorkerSettings settings(String id) {
        return WorkerSettings.defaults(id).withSubjects(subjects).withHeartbeatInterval(Duration.ofMillis(200))
                .withResultInterval(Duration.ofMillis(200)).withDrainTimeout(Duration.ofSeconds(5));
    }

    Job job(String jobId, int n, double rps, String path, long leadMillis) {
        return Jobs.uniform(jobId, n, rps, RequestSpec.get(path, ""), target.baseUrl(), 2_000, leadMillis);
    }

    void publishJob(Job job, String replyTo) {
        bus.publish(subjects.jobs(), replyTo, codec.encode(job));
    }

    /** Sums a job's deltas, checking they arrive in sequence and end with exactly one done. */
    static OutcomeCounts totals(List<JobResult> deltas) {
        OutcomeCounts sum = OutcomeCounts.ZERO;
        for (int i = 0; i < deltas.size(); i++) {
            assertThat(deltas.get(i).seq()).as("delta sequence").isEqualTo(i);
            assertThat(deltas.get(i).done()).isEqualTo(i == deltas.size() - 1);
            sum = sum.plus(deltas.get(i).stats().outcomes());
        }
        return sum;
    }

    static List<JobResult> deltasOf(BusProbe probe, String jobId) {
        return probe.all(JobResult.class).stream().filter(r -> r.jobId().equals(jobId)).toList();
    }
}
