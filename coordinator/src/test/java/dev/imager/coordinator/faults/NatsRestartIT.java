package dev.imager.coordinator.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imager.coordinator.config.CoordinatorConfig;
import dev.imager.coordinator.inbox.MessageRefusal;
import dev.imager.coordinator.ledger.CompletedRound;
import dev.imager.coordinator.ledger.DropReason;
import dev.imager.coordinator.metrics.CoordinatorMetrics;
import dev.imager.coordinator.report.ConsoleSummary;
import dev.imager.coordinator.report.ReportCollector;
import dev.imager.coordinator.report.ReportJson;
import dev.imager.coordinator.report.RoundRow;
import dev.imager.coordinator.report.RunReport;
import dev.imager.coordinator.run.Coordinator;
import dev.imager.coordinator.run.FinishedRun;
import dev.imager.coordinator.run.RunControl;
import dev.imager.coordinator.run.RunListener;
import dev.imager.coordinator.run.RunOptions;
import dev.imager.coordinator.status.RunStatus;
import dev.imager.coordinator.testing.Configs;
import dev.imager.coordinator.testing.RecordingListener;
import dev.imager.coordinator.testing.WorkerProcess;
import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.testing.NatsTestServer;
import dev.imager.sumservice.Route;
import dev.imager.sumservice.SumServer;
import dev.imager.sumservice.SumServiceConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * NATS restarted or stalled mid-run (real nats-server, real worker processes, a target on loopback that counts what
 * it answered): no result of a request that was sent is lost (workers send again what the coordinator has not
 * confirmed), what could not go out on time is dropped with its reason, no round is skipped for want of workers that
 * were alive, and rounds whose jobs reached the workers late show that lateness in their corrected latency.
 */
class NatsRestartIT {

    /** A short freeze: under the 3 heartbeats of 1 s that make a worker MISSING. */
    private static final Duration SHORT_STALL = Duration.ofMillis(1200);
    /** A freeze past the ack window of earlier versions (2 s), so jobs are acknowledged seconds after publication. */
    private static final Duration LONG_STALL = Duration.ofSeconds(3);
    private static final long MS = 1_000_000L;
    /** A round answered this quickly (corrected p99, ms) shows no stall: the baseline the stalled rounds stand out of. */
    private static final long QUIET_P99_MS = 300;

    @Test
    void aBrokerRestartLosesNoResultOfARequestThatWasSent() throws Exception {
        String prefix = "restart" + UUID.randomUUID().toString().substring(0, 6);
        try (NatsTestServer nats = NatsTestServer.start();
                SumServer target = SumServer.start(SumServiceConfig.defaults().withHost("127.0.0.1").withPort(0));
                WorkerProcess a = WorkerProcess.start("restart-a", nats.url(), "--subject-prefix", prefix,
                        "--heartbeat-interval", "500ms");
                WorkerProcess b = WorkerProcess.start("restart-b", nats.url(), "--subject-prefix", prefix,
                        "--heartbeat-interval", "500ms")) {
            CompletableFuture<Void> restarted = new CompletableFuture<>();
            AtomicBoolean striking = new AtomicBoolean();
            RecordingListener[] holder = new RecordingListener[1]; // the listener's ticks, read by its own callback
            RecordingListener listener = new RecordingListener((round, status) -> {
                // Strike once load flows (3 warm-up rounds, then the third measured round done), off the control thread.
                if (!round.warmup() && round.round() >= 5 && round.stats().outcomes().ok() > 0
                        && striking.compareAndSet(false, true)) {
                    long plannedBefore = status.round();
                    CompletableFuture.runAsync(() -> {
                        try {
                            nats.stop();
                            // Down until the coordinator has planned two more rounds (so at least one while it knew
                            // the broker was gone), as its status says.
                            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                                    .until(() -> lastTick(holder[0].ticks) >= plannedBefore + 2);
                            nats.restart(); // starts it again on the same port
                            restarted.complete(null);
                        } catch (RuntimeException e) {
                            restarted.completeExceptionally(e);
                        }
                    });
                }
            });
            holder[0] = listener;
            long before = target.metrics().requestCount(Route.SUM, 200);
            CoordinatorConfig config = Configs.parse("--nats-url", nats.url(), "--subject-prefix", prefix,
                    "-target-mode", "url", "-target-url", "http://127.0.0.1:" + target.port(),
                    "-request-source-type", "random-sum", "-load-calculator", "step", "-min-rps", "100",
                    "-max-rps", "100", "--duration", "15s", "--warmup", "3s", "--min-workers", "2",
                    "-listen-port", "0", "--worker-wait-timeout", "60s");
            ReportCollector collector = new ReportCollector(config, "test");

            FinishedRun finished = Coordinator.run(config,
                    RunOptions.defaults().withListener(RunListener.all(collector, listener)), new RunControl());

            assertThat(restarted).isCompleted();
            OutcomeCounts o = finished.totals().stats().outcomes();
            long answered = target.metrics().requestCount(Route.SUM, 200) - before;
            assertThat(finished.totals().lost()).as("no process died: nothing is lost").isZero();
            assertAnsweredAllCounted(listener, answered);
            assertThat(o.ok() + o.http4xx() + o.http5xx() + o.timeout() + o.connectError() + o.otherError() + o.dropped()
                    + finished.totals().lost()).isEqualTo(finished.totals().planned());
            assertThat(finished.totals().planned()).isEqualTo(1500);
            List<CompletedRound> measured = listener.rounds.stream().filter(r -> !r.warmup()).toList();
            assertThat(measured).noneMatch(r -> "no live worker".equals(r.notSentReason()));
            assertThat(measured).allMatch(r -> r.notSentReason() == null
                    || r.notSentReason().equals("broker unavailable"));
            long notSent = measured.stream().filter(CompletedRound::notSent).mapToLong(CompletedRound::planned).sum();
            assertThat(notSent).as("a round was due while the broker was down").isPositive();

            // Dropped with its reason: the rounds due while the coordinator knew the broker was down, and any job it
            // handed to the dying connection (which no worker could acknowledge). Nothing else.
            Map<DropReason, Long> droppedBy = finished.totals().droppedBy();
            assertThat(droppedBy.keySet()).contains(DropReason.BROKER_UNAVAILABLE)
                    .isSubsetOf(DropReason.BROKER_UNAVAILABLE, DropReason.NOT_ACKNOWLEDGED);
            assertThat(droppedBy.get(DropReason.BROKER_UNAVAILABLE)).isGreaterThanOrEqualTo(notSent);
            assertThat(droppedBy.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(o.dropped());
            // ... and the report says so, in report.json and in the text summary.
            RunReport report = ReportJson.fromJson(ReportJson.toJson(collector.build(finished)));
            Map<String, Long> labelled = new LinkedHashMap<>();
            droppedBy.forEach((reason, n) -> labelled.put(reason.label(), n));
            assertThat(report.totals().droppedBy()).isEqualTo(labelled);
            assertThat(ConsoleSummary.format(report)).containsPattern("\n    broker unavailable +[0-9,]+ ");
        }
    }

    @Test
    void jobsABrokerStallDelayedShowTheirLatenessInTheCorrectedLatency() throws Exception {
        StalledRun run = runThroughAStall(SHORT_STALL, "1s");

        assertThat(run.finished.totals().droppedBy().keySet()).as("late, not refused: at most a full pool drops")
                .isSubsetOf(DropReason.NOT_SENT_ON_TIME);
        assertStalledRoundsShowTheirLateness(run);
    }

    @Test
    void aBrokerFrozenLongerThanTheAckWindowLosesNoResultOfTheJobsItDeliveredLate() throws Exception {
        // Frozen past the 2 s earlier versions waited for an acknowledgement: the jobs published in the first second of
        // the stall are acknowledged 2-3 s after their publication, and every one of them still counts. Heartbeats
        // every 500 ms: the freeze silences six of them, twice what marks a silent worker MISSING, but a broker that
        // answers no PING is a stalled broker, not dead workers (earlier versions left every round of the freeze unsent:
        // no live worker).
        StalledRun run = runThroughAStall(LONG_STALL, "500ms");

        assertThat(run.finished.totals().droppedBy().keySet())
                .as("no job given up as not acknowledged: every one reached a worker and ran")
                .doesNotContain(DropReason.NOT_ACKNOWLEDGED).isSubsetOf(DropReason.NOT_SENT_ON_TIME);
        assertThat(run.refusals.getOrDefault(MessageRefusal.UNKNOWN_JOB, 0L))
                .as("no acknowledgement or result refused as of an unknown job; refusals: %s", run.refusals).isZero();
        assertStalledRoundsShowTheirLateness(run);
    }

    /**
     * A run of 500 ms rounds at 100 rps by two worker processes, whose broker is frozen (SIGSTOP: connections stay
     * open, the coordinator still publishes into them) for {@code stallLength} once the run is warm, and the checks every
     * stall must pass: nothing lost, every answer counted, no round left unsent, every round adding up.
     */
    private static StalledRun runThroughAStall(Duration stallLength, String heartbeat) throws Exception {
        String prefix = "stall" + UUID.randomUUID().toString().substring(0, 6);
        try (NatsTestServer nats = NatsTestServer.startBinary();
                SumServer target = SumServer.start(SumServiceConfig.defaults().withHost("127.0.0.1").withPort(0));
                WorkerProcess a = WorkerProcess.start("stall-a", nats.url(), "--subject-prefix", prefix,
                        "--heartbeat-interval", heartbeat);
                WorkerProcess b = WorkerProcess.start("stall-b", nats.url(), "--subject-prefix", prefix,
                        "--heartbeat-interval", heartbeat)) {
            CompletableFuture<long[]> stall = new CompletableFuture<>(); // {paused, resumed}, epoch nanoseconds
            AtomicBoolean striking = new AtomicBoolean();
            List<Long> quiet = new CopyOnWriteArrayList<>(); // the measured rounds right before the stall
            RecordingListener listener = new RecordingListener((round, status) -> {
                // Strike once the run is warm: two measured rounds in a row answered quickly (a cold or busy machine
                // takes a few rounds to get there), so the stalled rounds' lateness has a quiet baseline. Off the
                // control thread.
                if (round.warmup() || striking.get()) {
                    return;
                }
                boolean quick = round.stats().outcomes().ok() > 0
                        && round.stats().latency().valueAtPercentileMicros(99) < QUIET_P99_MS * 1000;
                if (!quick) {
                    quiet.clear();
                    return;
                }
                quiet.add(round.round());
                if (quiet.size() >= 2 && striking.compareAndSet(false, true)) {
                    CompletableFuture.runAsync(() -> {
                        try {
                            nats.pause(); // frozen, connections open: the coordinator still publishes into them
                            long paused = epochNanos();
                            long pausedNanos = System.nanoTime();
                            // The stall's length is the fault itself, not a wait for an outcome.
                            await().atMost(stallLength.plusSeconds(5)).pollInterval(Duration.ofMillis(10))
                                    .until(() -> System.nanoTime() - pausedNanos >= stallLength.toNanos());
                            long resumed = epochNanos();
                            nats.resume(); // everything written meanwhile is delivered now, up to the stall late
                            stall.complete(new long[] {paused, resumed});
                        } catch (RuntimeException e) {
                            nats.resume();
                            stall.completeExceptionally(e);
                        }
                    });
                }
            });
            Map<MessageRefusal, Long> refusals = new ConcurrentHashMap<>();
            CoordinatorMetrics countsRefusals = new CoordinatorMetrics() {
                @Override
                public void messageRefused(MessageRefusal reason) {
                    refusals.merge(reason, 1L, Long::sum);
                }
            };
            long before = target.metrics().requestCount(Route.SUM, 200);
            CoordinatorConfig config = Configs.parse("--nats-url", nats.url(), "--subject-prefix", prefix,
                    "-target-mode", "url", "-target-url", "http://127.0.0.1:" + target.port(),
                    "-request-source-type", "random-sum", "-load-calculator", "step", "-min-rps", "100",
                    "-max-rps", "100", "--duration", "10s", "--warmup", "3s", "-schedule-interval", "500ms",
                    "--plan-ahead", "100ms", "--request-timeout", "5s", "--min-workers", "2",
                    "-listen-port", "0", "--worker-wait-timeout", "60s");
            ReportCollector collector = new ReportCollector(config, "test");

            FinishedRun finished = Coordinator.run(config, RunOptions.defaults().withMetrics(countsRefusals)
                    .withListener(RunListener.all(collector, listener)), new RunControl());

            assertThat(stall).as("struck once two measured rounds in a row had a corrected p99 under %d ms; rounds: %s",
                    QUIET_P99_MS, outcomes(listener)).isCompleted();
            long[] pausedResumed = stall.join();
            long answered = target.metrics().requestCount(Route.SUM, 200) - before;
            assertThat(finished.totals().lost()).as("no process died: nothing is lost").isZero();
            assertAnsweredAllCounted(listener, answered);
            assertThat(listener.rounds).noneMatch(CompletedRound::notSent);
            OutcomeCounts o = finished.totals().stats().outcomes();
            assertThat(o.total() + finished.totals().lost()).as("planned = ok + failed + dropped + lost")
                    .isEqualTo(finished.totals().planned());
            // Per round, as report.json has it (its rows refuse to be built when they do not add up).
            RunReport report = ReportJson.fromJson(ReportJson.toJson(collector.build(finished)));
            return new StalledRun(finished, listener, report, refusals, List.copyOf(quiet), pausedResumed[0],
                    pausedResumed[1]);
        }
    }

    /**
     * Rounds published into the frozen broker were delivered after it resumed: their first requests went out about
     * their lateness after their planned instants, and the report charges them for it; the measured rounds right
     * before the stall, quick as the listener saw them, are quick in the report too.
     */
    private static void assertStalledRoundsShowTheirLateness(StalledRun run) {
        Map<Long, RoundRow> rows = run.report.rounds().stream()
                .collect(Collectors.toMap(RoundRow::round, Function.identity()));
        long planAhead = 100 * MS;
        List<Long> stalled = new ArrayList<>();
        for (CompletedRound r : run.listener.rounds) {
            long published = r.startEpochNanos() - planAhead;
            long lateness = run.resumed - r.startEpochNanos();
            RoundRow row = rows.get(r.round());
            if (published > run.paused + 20 * MS && published < run.resumed - 50 * MS && lateness > 200 * MS) {
                stalled.add(r.round());
                assertThat(row.latencyMs().p99()).as("round %d, delivered %d ms late: corrected p99", r.round(),
                        lateness / MS).isGreaterThanOrEqualTo((lateness - 50 * MS) / 1e6);
                assertThat(row.sendLagP99Ms()).as("round %d: send lag p99", r.round())
                        .isGreaterThanOrEqualTo((lateness - 50 * MS) / 1e6);
            }
        }
        assertThat(run.quiet).as("measured rounds right before the stall").hasSize(2);
        for (long q : run.quiet) {
            assertThat(rows.get(q).latencyMs().p99()).as("quiet round %d: corrected p99", q).isLessThan(QUIET_P99_MS);
            assertThat(rows.get(q).sendLagP99Ms()).as("quiet round %d: send lag p99", q).isLessThan(QUIET_P99_MS);
        }
        assertThat(stalled).as("rounds published while the broker was frozen (%s .. %s)",
                Instant.ofEpochSecond(0, run.paused), Instant.ofEpochSecond(0, run.resumed)).isNotEmpty();
        assertThat(rows.get(stalled.get(0)).latencyMs().max())
                .as("the earliest stalled round was delivered at least 500 ms late").isGreaterThanOrEqualTo(500);
    }

    /** What a run through a broker stall left: its totals, rounds, report, refused messages and the stall's span. */
    private record StalledRun(FinishedRun finished, RecordingListener listener, RunReport report,
            Map<MessageRefusal, Long> refusals, List<Long> quiet, long paused, long resumed) {
    }

    /**
     * Every request the target answered came back counted (warm-up rounds too, which it answered as well): as ok, or
     * as a timeout when its answer came after the request timeout (a cold start on a busy machine).
     */
    private static void assertAnsweredAllCounted(RecordingListener listener, long answered) {
        long ok = listener.rounds.stream().mapToLong(r -> r.stats().outcomes().ok()).sum();
        long timeouts = listener.rounds.stream().mapToLong(r -> r.stats().outcomes().timeout()).sum();
        assertThat(answered).as("the target's count against ok (+ timeouts); rounds: %s", outcomes(listener))
                .isBetween(ok, ok + timeouts);
    }

    private static List<String> outcomes(RecordingListener listener) {
        return listener.rounds.stream().map(r -> r.round() + (r.warmup() ? "w" : "") + ": " + r.stats().outcomes()
                + (r.lost() > 0 ? " lost " + r.lost() : "")).toList();
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static long lastTick(List<RunStatus> ticks) {
        return ticks.isEmpty() ? -1 : ticks.get(ticks.size() - 1).round();
    }
}
