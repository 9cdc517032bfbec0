package dev.imager.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imager.protocol.EpochClock;
import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.JobAck;
import dev.imager.protocol.message.JobRejected;
import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.message.RejectReason;
import dev.imager.protocol.message.RequestSpec;
import dev.imager.protocol.transport.NatsSettings;
import dev.imager.protocol.transport.NatsTransport;
import dev.imager.worker.metrics.WorkerMetrics;
import dev.imager.worker.testing.Jobs;
import dev.imager.worker.testing.LoopbackHttpServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The jobs a worker over a real nats-server refuses: undecodable, too new, invalid, expired, for a target outside
 * its allow-list, with nowhere or the wrong place to report to, too far ahead, or beyond its maximum at once. Each
 * refusal is told to the coordinator when there is one to tell, sends the target nothing, and leaves the worker
 * taking the next job.
 */
class WorkerJobRefusalIT extends WorkerOverNatsFixture {

    @Test
    void rejectsBadJobsWithAReasonAndKeepsWorking() {
        String reply = subjects.results("coord-b");
        BusProbe results = closing(new BusProbe(bus, reply));
        startWorker("w-reject");

        bus.publish(subjects.jobs(), reply, "{not json".getBytes(StandardCharsets.UTF_8));
        String newer = new String(codec.encode(job("newer", 1, 10, "/ok", 100)), StandardCharsets.UTF_8)
                .replace("\"v\":1", "\"v\":7");
        bus.publish(subjects.jobs(), reply, newer.getBytes(StandardCharsets.UTF_8));
        Job badTarget = new Job("run-test", 0, "bad-target", EpochClock.SYSTEM.nowNanos(), new long[] {0},
                List.of(RequestSpec.get("/", "")), List.of("ftp://127.0.0.1/"), 1_000);
        publishJob(badTarget, reply);
        Job expired = new Job("run-test", 0, "expired", EpochClock.SYSTEM.nowNanos() - 60_000_000_000L,
                new long[] {0}, List.of(RequestSpec.get("/", "")), List.of(target.baseUrl()), 1_000);
        publishJob(expired, reply);
        Job badMethod = new Job("run-test", 0, "bad-method", EpochClock.SYSTEM.nowNanos(), new long[] {0},
                List.of(new RequestSpec("GE T", "/", "", null, null)), List.of(target.baseUrl()), 1_000);
        publishJob(badMethod, reply);
        publishJob(job("good", 5, 50, "/ok", 50), reply);

        results.await(JobResult.class, r -> r.jobId().equals("good") && r.done(), WAIT);
        await().atMost(WAIT).until(() -> results.all(JobRejected.class).size() == 5);
        List<JobRejected> rejected = results.all(JobRejected.class);
        assertThat(rejected).extracting(JobRejected::reason).containsExactlyInAnyOrder(RejectReason.UNDECODABLE,
                RejectReason.UNSUPPORTED_VERSION, RejectReason.INVALID, RejectReason.EXPIRED, RejectReason.INVALID);
        assertThat(rejected).filteredOn(r -> "bad-target".equals(r.jobId())).singleElement()
                .satisfies(r -> assertThat(r.detail()).contains("ftp://127.0.0.1/"));
        assertThat(rejected).filteredOn(r -> "expired".equals(r.jobId())).singleElement()
                .satisfies(r -> assertThat(r.runId()).isEqualTo("run-test"));
        assertThat(results.all(JobAck.class)).extracting(JobAck::jobId).containsExactly("good");
    }

    @Test
    void runsNoJobWhoseResultsWouldGoNowhereOrElsewhere() {
        String reply = subjects.results("coord-r");
        BusProbe results = closing(new BusProbe(bus, reply));
        BusProbe elsewhere = closing(new BusProbe(bus, "elsewhere.>"));
        List<RejectReason> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
        startWorker(closing(NatsTransport.connect(NatsSettings.of(nats.url()))), settings("w-reply"),
                new WorkerMetrics() {
                    @Override
                    public void jobRejected(RejectReason reason) {
                        refused.add(reason);
                    }
                });

        bus.publish(subjects.jobs(), codec.encode(job("no-reply", 5, 50, "/no-reply", 50)));
        publishJob(job("foreign-reply", 5, 50, "/foreign-reply", 50), "elsewhere.inbox");
        publishJob(job("after", 5, 50, "/after", 50), reply);

        // Jobs are taken in order: once the last one is done, the two before it were dealt with.
        results.await(JobResult.class, r -> r.jobId().equals("after") && r.done(), WAIT);
        assertThat(target.received()).extracting(LoopbackHttpServer.Received::uri)
                .noneMatch(uri -> uri.contains("reply")).anyMatch(uri -> uri.contains("/after"));
        assertThat(elsewhere.messages()).as("nothing published where a job said").isEmpty();
        assertThat(results.all(JobRejected.class)).isEmpty();
        assertThat(refused).as("counted, with nobody to tell").containsExactly(RejectReason.INVALID,
                RejectReason.INVALID);
    }

    @Test
    void refusesJobsForTargetsOutsideItsAllowListAndSendsThemNothing() {
        String reply = subjects.results("coord-g");
        BusProbe results = closing(new BusProbe(bus, reply));
        startWorker(closing(NatsTransport.connect(NatsSettings.of(nats.url()))), settings("w-allow")
                .withAllowedTargets(dev.imager.worker.targets.AllowedTargets.parse("127.0.0.1:" + target.port())));

        // The same server by another name and by its address on another port: neither is listed.
        RequestSpec spec = RequestSpec.get("/ok", "test=allow-list");
        publishJob(Jobs.uniform("by-name", 5, 50, spec, "http://localhost:" + target.port(), 2_000, 50), reply);
        publishJob(Jobs.uniform("other-port", 5, 50, spec, "http://127.0.0.1:1", 2_000, 50), reply);
        publishJob(Jobs.uniform("listed", 5, 50, spec, target.baseUrl(), 2_000, 50), reply);

        results.await(JobResult.class, r -> r.jobId().equals("listed") && r.done(), WAIT);
        await().atMost(WAIT).until(() -> results.all(JobRejected.class).size() == 2);
        assertThat(results.all(JobRejected.class)).extracting(JobRejected::reason).containsOnly(RejectReason.FORBIDDEN_TARGET);
        assertThat(results.all(JobRejected.class)).filteredOn(r -> "by-name".equals(r.jobId())).singleElement()
                .satisfies(r -> assertThat(r.detail()).contains("http://localhost:" + target.port(), "--allowed-targets"));
        assertThat(results.all(JobAck.class)).extracting(JobAck::jobId).containsExactly("listed");
        assertThat(target.received()).filteredOn(r -> r.uri().contains("test=allow-list"))
                .as("only the listed job reached the target").hasSize(5);
    }

    @Test
    void runsOnlyJobsThatReplyToACoordinatorAndAtMostItsMaximumAtOnce() {
        String reply = subjects.results("coord-h");
        BusProbe results = closing(new BusProbe(bus, reply));
        BusProbe elsewhere = closing(new BusProbe(bus, subjects.control()));
        startWorker(closing(NatsTransport.connect(NatsSettings.of(nats.url()))),
                settings("w-bounds").withMaxActiveJobs(1));

        // No reply subject, or one that is not a results subject: not run, and nothing is published there.
        RequestSpec spec = RequestSpec.get("/ok", "test=bounds");
        bus.publish(subjects.jobs(), codec.encode(Jobs.uniform("no-reply", 5, 50, spec, target.baseUrl(), 2_000, 50)));
        bus.publish(subjects.jobs(), subjects.control(),
                codec.encode(Jobs.uniform("reply-elsewhere", 5, 50, spec, target.baseUrl(), 2_000, 50)));
        // Starting an hour from now: refused rather than held in memory that long.
        Job farAhead = new Job("run-test", 0, "far-ahead", EpochClock.SYSTEM.nowNanos() + 3_600_000_000_000L,
                new long[] {0}, List.of(RequestSpec.get("/ok", "")), List.of(target.baseUrl()), 1_000);
        publishJob(farAhead, reply);
        // One job at a time: a second one while the first runs is refused.
        publishJob(Jobs.uniform("first", 20, 10, spec, target.baseUrl(), 2_000, 50), reply);
        results.await(JobAck.class, a -> a.jobId().equals("first"), WAIT);
        publishJob(Jobs.uniform("second", 1, 10, spec, target.baseUrl(), 2_000, 50), reply);

        JobRejected overloaded = results.await(JobRejected.class, r -> "second".equals(r.jobId()), WAIT);
        assertThat(overloaded.reason()).isEqualTo(RejectReason.OVERLOADED);
        assertThat(results.await(JobRejected.class, r -> "far-ahead".equals(r.jobId()), WAIT).detail())
                .contains("ahead");
        results.await(JobResult.class, r -> r.jobId().equals("first") && r.done(), WAIT);
        assertThat(results.all(JobAck.class)).extracting(JobAck::jobId).containsExactly("first");
        assertThat(elsewhere.messages()).isEmpty();
        assertThat(target.received()).filteredOn(r -> r.uri().contains("test=bounds"))
                .as("only the first job's requests").hasSize(20);
    }
}
