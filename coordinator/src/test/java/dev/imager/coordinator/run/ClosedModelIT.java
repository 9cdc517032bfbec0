package dev.imager.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.ledger.CompletedRound;
import dev.imager.coordinator.testing.Configs;
import dev.imager.coordinator.testing.RecordingListener;
import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.transport.InMemoryTransport;
import dev.imager.sumservice.Route;
import dev.imager.sumservice.SumServer;
import dev.imager.sumservice.SumServiceConfig;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The closed model end to end in local mode over the in-memory bus, against sumservice on loopback: users send
 * request after request, every request they start is accounted for, and the target's own count agrees.
 */
class ClosedModelIT {

    private static SumServer target;

    @BeforeAll
    static void start() throws Exception {
        target = SumServer.start(SumServiceConfig.defaults().withHost("127.0.0.1").withPort(0));
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    private record Observed(FinishedRun finished, List<CompletedRound> rounds) {
    }

    private static Observed run(String... load) {
        return run(target.port(), new RecordingListener(), new RunControl(), load);
    }

    private static Observed run(int port, RecordingListener listener, RunControl control, String... load) {
        String[] args = Stream.concat(Stream.of("--local-workers", "2", "-target-mode", "url", "-target-url",
                "http://127.0.0.1:" + port, "-request-source-type", "random-sum", "-listen-port", "0"),
                Stream.of(load)).toArray(String[]::new);
        try (InMemoryTransport bus = new InMemoryTransport()) {
            FinishedRun finished = Coordinator.run(Configs.parse(args),
                    RunOptions.defaults().withTransport(bus).withListener(listener), control);
            return new Observed(finished, List.copyOf(listener.rounds));
        }
    }

    @Test
    void fixedUsersSendRequestAfterRequestAndEveryOneIsCounted() {
        long before = target.metrics().requestCount(Route.SUM, 200);

        Observed o = run("--model", "closed", "--users", "20", "--duration", "2s");

        assertThat(o.finished().endReason()).isEqualTo("duration reached");
        assertThat(o.rounds()).extracting(CompletedRound::rate).containsExactly(20.0, 20.0);
        OutcomeCounts outcomes = o.finished().totals().stats().outcomes();
        long answered = target.metrics().requestCount(Route.SUM, 200) - before;
        assertThat(outcomes.ok()).as("%s", o.finished().totals()).isEqualTo(answered);
        // 20 users for 2 s against a loopback target: each sends far more than one request a round
        assertThat(answered).isGreaterThan(2 * 20 * 2);
        assertThat(outcomes.failed()).isZero();
        assertThat(outcomes.dropped()).isZero();
        assertThat(o.finished().totals().lost()).isZero();
        assertThat(o.finished().totals().planned()).isEqualTo(answered);
        for (CompletedRound round : o.rounds()) {
            assertThat(round.planned()).isEqualTo(round.stats().outcomes().total() + round.lost());
            assertThat(round.stats().latency().count()).isEqualTo(round.stats().outcomes().sent());
        }
    }

    @Test
    void thinkTimePacesEachUser() {
        long before = target.metrics().requestCount(Route.SUM, 200);

        // 5 users, 200 ms between a response and the next request: at most 5 requests per user per 1 s round
        Observed o = run("--model", "closed", "--users", "5", "--think-time", "200ms", "--duration", "2s");

        long answered = target.metrics().requestCount(Route.SUM, 200) - before;
        assertThat(o.finished().totals().stats().outcomes().ok()).isEqualTo(answered);
        assertThat(answered).isBetween(2L * 5, 2L * 5 * 5);
        assertThat(o.finished().totals().planned()).isEqualTo(answered);
    }

    @Test
    void theAdaptiveSearchFindsTheMostUsersUnderTheLatencyLimit() throws Exception {
        // 4 requests at a time, 20 ms each: 200 rps whatever the users; N users wait about N x 5 ms each, so a
        // 150 ms p99 limit holds up to about 30 users (less this shared machine's noise).
        try (SumServer limited = SumServer.start(SumServiceConfig.defaults().withHost("127.0.0.1").withPort(0)
                .withSimulation(4, 20))) {
            RunControl control = new RunControl();
            RecordingListener listener = new RecordingListener((round, status) -> {
                if (status.phase().equals("steady") && status.capacityRps() != null && round.round() > 0) {
                    control.stop("capacity found");
                }
            });

            Observed o = run(limited.port(), listener, control, "--model", "closed", "-load-calculator",
                    "adaptive-exponential", "-min-rps", "2", "-max-rps", "200", "-adaptive-max-latency-ms", "150",
                    "--duration", "120s", "--warmup", "2s");

            assertThat(o.finished().endReason()).isEqualTo("capacity found");
            assertThat(o.finished().capacity()).isPresent();
            // the capacity is a user count, and says so: in the note, the status and the progress the status feeds
            assertThat(o.finished().capacity().getAsDouble()).as(o.finished().capacityNote()).isBetween(8.0, 32.0);
            assertThat(o.finished().capacityNote()).doesNotContain(" rps");
            assertThat(listener.ticks).isNotEmpty().allSatisfy(t -> assertThat(t.plannedUnit()).isEqualTo("users"));
            // the probes tried user counts, and the highest that failed was above the capacity
            assertThat(o.finished().probes()).isNotEmpty();
            assertThat(o.finished().totals().planned()).isEqualTo(o.finished().totals().stats().outcomes().total()
                    + o.finished().totals().lost());
        }
    }

    @Test
    void stagesGiveEachRoundsUserCount() {
        long before = target.metrics().requestCount(Route.SUM, 200);

        // 4 users for 1 s, then a ramp from 4 to 12 over 1 s: the second round's mean is 8 users
        Observed o = run("--model", "closed", "--stages", "0s:4,1s:4,1s:12", "--think-time", "50ms");

        assertThat(o.finished().endReason()).isEqualTo("load shape ended");
        assertThat(o.rounds()).extracting(CompletedRound::rate).containsExactly(4.0, 8.0);
        long answered = target.metrics().requestCount(Route.SUM, 200) - before;
        assertThat(o.finished().totals().stats().outcomes().ok()).isEqualTo(answered);
        assertThat(o.finished().totals().planned()).isEqualTo(answered);
        // at most 20 requests per user per round with 50 ms of thinking; at least one each
        assertThat(o.rounds().get(0).planned()).isBetween(4L, 4L * 20);
        assertThat(o.rounds().get(1).planned()).isBetween(8L, 8L * 20);
    }
}
