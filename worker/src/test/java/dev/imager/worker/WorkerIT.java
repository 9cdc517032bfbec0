package dev.imager.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imager.protocol.EpochClock;
import dev.imager.protocol.latency.LatencySnapshot;
import dev.imager.protocol.message.Control;
import dev.imager.protocol.message.ControlAction;
import dev.imager.protocol.message.Heartbeat;
import dev.imager.protocol.message.HttpVersionChoice;
import dev.imager.protocol.message.JobAck;
import dev.imager.protocol.message.JobRejected;
import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.message.Message;
import dev.imager.protocol.message.Outcome;
import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.message.RejectReason;
import dev.imager.protocol.message.RequestSpec;
import dev.imager.protocol.message.UsersJob;
import dev.imager.protocol.message.WorkerState;
import dev.imager.protocol.transport.NatsSettings;
import dev.imager.protocol.transport.NatsTransport;
import dev.imager.protocol.transport.Transport;
import dev.imager.worker.engine.EngineSettings;
import dev.imager.worker.engine.HttpEngine;
import dev.imager.worker.metrics.WorkerMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A worker node over a real nats-server against a loopback HTTP target: how it beats, runs, stops and drains; the
 * jobs it refuses are {@link WorkerJobRefusalIT}'s.
 */
class WorkerIT extends WorkerOverNatsFixture {

    @Test
    void firstHeartbeatRegistersTheWorkerWithItsState() {
        BusProbe beats = closing(new BusProbe(bus, subjects.allHeartbeats()));
        startWorker("w-beat");

        Heartbeat beat = beats.await(Heartbeat.class, h -> h.workerId().equals("w-beat"), WAIT);
        assertThat(beat.state()).isEqualTo(WorkerState.READY);
        assertThat(beat.intervalMillis()).isEqualTo(200);
        assertThat(beat.maxInFlight()).isEqualTo(EngineSettings.DEFAULT_MAX_IN_FLIGHT);
        await().atMost(WAIT).until(() -> beats.all(Heartbeat.class).size() >= 3);
    }

    @Test
    void beatsOnWhileItsControlThreadWaitsForABusyEventLoop() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean holding = new AtomicBoolean();
        String reply = subjects.results("coord-busy");
        BusProbe results = closing(new BusProbe(bus, reply));
        BusProbe beats = closing(new BusProbe(bus, subjects.heartbeat("w-busy")));
        startWorker(closing(NatsTransport.connect(NatsSettings.of(nats.url()))), settings("w-busy"),
                new WorkerMetrics() {
                    @Override
                    public void requestFinished(Outcome outcome, long serviceNanos, long firstByteNanos, long bytes) {
                        // Runs on the event loop: the first request to end holds it, as a saturated loop would.
                        if (holding.compareAndSet(false, true)) {
                            try {
                                release.await(20, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                });
        try {
            publishJob(job("busy", 1, 10, "/busy", 100), reply);
            await().atMost(WAIT).untilTrue(holding);
            int before = beats.all(Heartbeat.class).size();

            // The control thread's next tick (every 200 ms) waits up to 5 s for the held loop to hand over results;
            // the beats (every 200 ms) must not wait with it.
            await().atMost(Duration.ofSeconds(3)).until(() -> beats.all(Heartbeat.class).size() >= before + 5);
        } finally {
            release.countDown();
        }
        results.await(JobResult.class, r -> r.jobId().equals("busy") && r.done(), WAIT);
        assertThat(totals(deltasOf(results, "busy"))).isEqualTo(new OutcomeCounts(1, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void acknowledgesRunsAndStreamsEveryResultOfAJob() {
        String reply = subjects.results("coord-a");
        BusProbe results = closing(new BusProbe(bus, reply));
        startWorker("w-run");

        publishJob(job("j1", 400, 400, "/ok", 200), reply);

        JobResult last = results.await(JobResult.class, r -> r.jobId().equals("j1") && r.done(), WAIT);
        List<Message> all = results.messages();
        assertThat(all.get(0)).isInstanceOfSatisfying(JobAck.class, a -> {
            assertThat(a.jobId()).isEqualTo("j1");
            assertThat(a.workerId()).isEqualTo("w-run");
        });
        List<JobResult> deltas = deltasOf(results, "j1");
        assertThat(deltas.size()).as("streamed while running, not only at the end").isGreaterThan(1);
        assertThat(totals(deltas)).isEqualTo(new OutcomeCounts(400, 0, 0, 0, 0, 0, 0));
        assertThat(last.workerId()).isEqualTo("w-run");
        long latencies = deltas.stream().mapToLong(d -> d.stats().latency().count()).sum();
        assertThat(latencies).isEqualTo(400);
    }

    @Test
    void stopControlDropsTheUnsentRequestsOfThatRun() {
        String reply = subjects.results("coord-c");
        BusProbe results = closing(new BusProbe(bus, reply));
        startWorker("w-stop");
        publishJob(job("long", 100, 20, "/ok", 50), reply);
        results.await(JobResult.class, r -> r.jobId().equals("long"), WAIT);

        bus.publish(subjects.control(), codec.encode(new Control("run-test", "coord-c", ControlAction.STOP, "test")));

        results.await(JobResult.class, r -> r.jobId().equals("long") && r.done(), WAIT);
        OutcomeCounts sum = totals(deltasOf(results, "long"));
        assertThat(sum.total()).isEqualTo(100);
        assertThat(sum.dropped()).isGreaterThan(50);
        assertThat(sum.ok()).isEqualTo(100 - sum.dropped());
    }

    @Test
    void drainingFinishesRunningJobsStopsTakingNewOnesAndSaysSo() throws Exception {
        String reply = subjects.results("coord-d");
        BusProbe results = closing(new BusProbe(bus, reply));
        BusProbe beats = closing(new BusProbe(bus, subjects.allHeartbeats()));
        Worker a = startWorker("w-drain-a");
        publishJob(job("running", 30, 30, "/ok", 50), reply);
        results.await(JobAck.class, ack -> ack.jobId().equals("running"), WAIT);

        a.drain();

        // drain() returns once the final delta reached the server; the probe's own connection gets it after.
        results.await(JobResult.class, r -> r.jobId().equals("running") && r.done(), WAIT);
        assertThat(totals(deltasOf(results, "running")).ok()).isEqualTo(30);
        assertThat(beats.all(Heartbeat.class)).filteredOn(h -> h.workerId().equals("w-drain-a"))
                .last().satisfies(h -> assertThat(h.state()).isEqualTo(WorkerState.DRAINING));
        // The drained worker left the queue group: a new worker takes every new job.
        startWorker("w-drain-b");
        beats.await(Heartbeat.class, h -> h.workerId().equals("w-drain-b"), WAIT);
        for (int i = 0; i < 5; i++) {
            publishJob(job("after-" + i, 1, 10, "/ok", 50), reply);
        }
        await().atMost(WAIT).until(() -> results.all(JobAck.class).size() == 6);
        assertThat(results.all(JobAck.class)).filteredOn(ack -> ack.jobId().startsWith("after-"))
                .extracting(JobAck::workerId).containsOnly("w-drain-b");
    }

    @Test
    void drainTimeoutDropsWhatIsNotSentAndStillAccountsForEverything() {
        String reply = subjects.results("coord-e");
        BusProbe results = closing(new BusProbe(bus, reply));
        Transport t = closing(NatsTransport.connect(NatsSettings.of(nats.url())));
        Worker w = startWorker(t, settings("w-drain-timeout").withDrainTimeout(Duration.ofMillis(300)));
        publishJob(job("slow", 100, 10, "/ok", 50), reply);
        results.await(JobAck.class, ack -> ack.jobId().equals("slow"), WAIT);

        w.drain();

        results.await(JobResult.class, r -> r.jobId().equals("slow") && r.done(), WAIT);
        OutcomeCounts sum = totals(deltasOf(results, "slow"));
        assertThat(sum.total()).isEqualTo(100);
        assertThat(sum.dropped()).isGreaterThan(80);
    }

    @Test
    void aJobThatArrivesLateKeepsItsPlanAndIsMeasuredFromItsPlannedInstants() {
        String reply = subjects.results("coord-late");
        BusProbe results = closing(new BusProbe(bus, reply));
        startWorker("w-late");

        // 20 requests over 2 s, planned to start 2.2 s ago, 2 s timeout (deadline 1.7 s ahead): those planned in the
        // first 0.2 s (and as many more as delivery took) are past their timeout on arrival, the rest overdue by
        // 0.3 s or more.
        publishJob(job("late", 20, 10, "/ok", -2_200), reply);

        results.await(JobResult.class, r -> r.jobId().equals("late") && r.done(), WAIT);
        List<JobResult> deltas = deltasOf(results, "late");
        OutcomeCounts o = totals(deltas);
        assertThat(o.dropped()).as("past their timeout: never sent late").isGreaterThanOrEqualTo(3);
        assertThat(o.ok() + o.dropped()).isEqualTo(20);
        LatencySnapshot latency = deltas.stream().map(d -> d.stats().latency())
                .reduce(LatencySnapshot.empty(), LatencySnapshot::merge);
        LatencySnapshot sendLag = deltas.stream().map(d -> d.stats().sendLag())
                .reduce(LatencySnapshot.empty(), LatencySnapshot::merge);
        assertThat(latency.count()).isEqualTo(o.ok());
        // Measured from the planned instants: each sent request carries its lateness, in latency and send lag.
        assertThat(latency.minMicros()).isGreaterThanOrEqualTo(300_000);
        assertThat(sendLag.minMicros()).isGreaterThanOrEqualTo(300_000);
    }

    @Test
    void keepsRunningThroughANatsRestartAndDeliversResultsAfterReconnect() {
        org.junit.jupiter.api.Assumptions.assumeTrue(nats.restartable(), "needs a NATS server the test owns");
        // The probe shares the worker's connection: jnats restores subscriptions before flushing what it
        // buffered, so nothing the worker publishes during the outage is lost to the probe.
        Transport shared = closing(NatsTransport.connect(NatsSettings.of(nats.url())));
        String reply = subjects.results("coord-f");
        BusProbe results = closing(new BusProbe(shared, reply));
        startWorker(shared, settings("w-reconnect"));
        shared.publish(subjects.jobs(), reply, codec.encode(job("across", 60, 30, "/ok", 100)));
        results.await(JobAck.class, ack -> ack.jobId().equals("across"), WAIT);

        nats.stop();
        await().atMost(WAIT).until(() -> !shared.isConnected());
        nats.restart();
        await().atMost(Duration.ofSeconds(30)).until(shared::isConnected);

        results.await(JobResult.class, r -> r.jobId().equals("across") && r.done(), Duration.ofSeconds(30));
        assertThat(totals(deltasOf(results, "across")).ok()).isEqualTo(60);
        // The job subscription came back too.
        shared.publish(subjects.jobs(), reply, codec.encode(job("after-restart", 3, 30, "/ok", 100)));
        results.await(JobResult.class, r -> r.jobId().equals("after-restart") && r.done(), WAIT);
    }

    @Test
    void runsUsersJobsFromTheirOwnSubjectAndRefusesMoreUsersThanItsInFlightCap() {
        String reply = subjects.results("coord-u");
        BusProbe results = closing(new BusProbe(bus, reply));
        BusProbe beats = closing(new BusProbe(bus, subjects.allHeartbeats()));
        HttpEngine engine = closing(new HttpEngine(EngineSettings.defaults().withEventLoops(2).withMaxInFlight(4),
                WorkerMetrics.NOOP));
        closing(new Worker(settings("w-users"), closing(NatsTransport.connect(NatsSettings.of(nats.url()))), engine,
                WorkerMetrics.NOOP, EpochClock.SYSTEM)).start();
        assertThat(beats.await(Heartbeat.class, h -> h.workerId().equals("w-users"), WAIT).runs(Heartbeat.CLOSED_MODEL))
                .isTrue();

        long start = EpochClock.SYSTEM.nowNanos() + 100_000_000L;
        for (int users : new int[] {3, 5}) {
            bus.publish(subjects.usersJobs(), reply, codec.encode(new UsersJob("run-test", 0, "users-" + users, start,
                    500_000, users, 50_000, List.of(RequestSpec.get("/ok", "test=users")), List.of(target.baseUrl()),
                    2_000, HttpVersionChoice.HTTP_1_1, 0)));
        }

        JobRejected refused = results.await(JobRejected.class, r -> "users-5".equals(r.jobId()), WAIT);
        assertThat(refused.reason()).isEqualTo(RejectReason.OVERLOADED);
        assertThat(refused.detail()).contains("5 users, more than this worker's in-flight cap (4)");
        results.await(JobResult.class, r -> r.jobId().equals("users-3") && r.done(), WAIT);
        OutcomeCounts sum = totals(deltasOf(results, "users-3"));
        long received = target.received().stream().filter(r -> r.uri().contains("test=users")).count();
        // 3 users, 50 ms of thinking, 500 ms: at least one request each, at most 10
        assertThat(sum).isEqualTo(new OutcomeCounts(received, 0, 0, 0, 0, 0, 0));
        assertThat(received).isBetween(3L, 30L);
    }

    @Test
    void aStopFromAnotherCoordinatorIsIgnored() {
        String reply = subjects.results("coord-i");
        BusProbe results = closing(new BusProbe(bus, reply));
        startWorker("w-foreign-stop");
        publishJob(job("kept", 30, 30, "/ok", 50), reply);
        results.await(JobResult.class, r -> r.jobId().equals("kept"), WAIT);

        // The run's id, but not the coordinator its jobs report to.
        bus.publish(subjects.control(), codec.encode(new Control("run-test", "coord-forged", ControlAction.STOP, "x")));
        bus.publish(subjects.control(), "{\"type\":\"control\"".getBytes(StandardCharsets.UTF_8));

        results.await(JobResult.class, r -> r.jobId().equals("kept") && r.done(), WAIT);
        OutcomeCounts sum = totals(deltasOf(results, "kept"));
        assertThat(sum.ok()).isEqualTo(30);
        assertThat(sum.dropped()).isZero();
    }
}
