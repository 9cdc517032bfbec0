package dev.imager.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.ledger.CompletedRound;
import dev.imager.coordinator.testing.BusAndTarget;
import dev.imager.coordinator.testing.Configs;
import dev.imager.coordinator.testing.RecordingListener;
import dev.imager.coordinator.testing.WorkerProcess;
import dev.imager.protocol.Subjects;
import dev.imager.protocol.codec.MessageCodec;
import dev.imager.protocol.message.Heartbeat;
import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.message.WorkerState;
import dev.imager.protocol.transport.NatsSettings;
import dev.imager.protocol.transport.NatsTransport;
import dev.imager.sumservice.Route;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The closed model in the distributed mode: a coordinator in this JVM, workers as real processes, a real nats-server
 * and sumservice on loopback; and a fleet whose workers predate the closed model, which the coordinator refuses.
 */
class ClosedModelNatsIT {

    @RegisterExtension
    static final BusAndTarget ENV = new BusAndTarget();
    private final List<WorkerProcess> workers = new ArrayList<>();
    private final String prefix = "closed" + UUID.randomUUID().toString().substring(0, 6);

    @AfterEach
    void stopWorkers() throws Exception {
        for (WorkerProcess w : workers) {
            w.close();
        }
    }

    private List<String> flags(String... more) {
        List<String> flags = new ArrayList<>(List.of("--nats-url", ENV.nats().url(), "--subject-prefix", prefix,
                "-target-mode", "url", "-target-url", "http://127.0.0.1:" + ENV.target().port(),
                "-request-source-type", "random-sum", "-listen-port", "0"));
        flags.addAll(List.of(more));
        return flags;
    }

    @Test
    void usersSplitAcrossWorkerProcessesAndEveryRequestIsCounted() throws Exception {
        for (String id : List.of("closed-a", "closed-b")) {
            // The default heartbeat interval (1 s): closed-loop users keep this 2-core machine's CPUs busy, and
            // beats 200 ms apart can miss their window under that load.
            workers.add(WorkerProcess.start(id, ENV.nats().url(), -1, "--subject-prefix", prefix));
        }
        RecordingListener listener = new RecordingListener();
        long before = ENV.target().metrics().requestCount(Route.SUM, 200);

        FinishedRun finished = Coordinator.run(Configs.parse(flags("--model", "closed", "--users", "10",
                "--think-time", "20ms", "--duration", "3s", "--min-workers", "2", "--worker-wait-timeout", "60s",
                // Long enough that no request times out on a loaded machine (a timed-out request may still reach
                // the target, which would blur the comparison with its count).
                "--request-timeout", "20s")
                .toArray(String[]::new)), RunOptions.defaults().withListener(listener), new RunControl());

        assertThat(finished.endReason()).isEqualTo("duration reached");
        assertThat(listener.rounds).extracting(CompletedRound::rate).containsExactly(10.0, 10.0, 10.0);
        // one job per worker each round, 5 users each
        assertThat(listener.rounds).extracting(CompletedRound::jobs).containsOnly(2);
        OutcomeCounts outcomes = finished.totals().stats().outcomes();
        long answered = ENV.target().metrics().requestCount(Route.SUM, 200) - before;
        assertThat(outcomes.ok()).as("%s", finished.totals()).isEqualTo(answered);
        assertThat(outcomes.failed() + outcomes.dropped() + finished.totals().lost()).isZero();
        assertThat(finished.totals().planned()).isEqualTo(answered);
        // How many is the outcome (on a loaded 2-core machine, cold worker JVMs start slowly); that it is counted
        // exactly is the point.
        assertThat(answered).isPositive();
    }

    @Test
    void aFleetOfWorkersThatPredateTheClosedModelIsRefusedWithAClearError() throws Exception {
        MessageCodec codec = new MessageCodec();
        Subjects subjects = Subjects.withPrefix(prefix);
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
        try (NatsTransport bus = NatsTransport.connect(
                NatsSettings.of(ENV.nats().url()).withConnectionName("old-worker"))) {
            // A worker from before the closed model: its beat has no "models" field.
            beats.scheduleAtFixedRate(() -> {
                String beat = new String(codec.encode(new Heartbeat("old-1", "h", "0.0.9", WorkerState.READY, 0, 0, 0,
                        -1, 10_000, 200, System.currentTimeMillis())), StandardCharsets.UTF_8);
                bus.publish(subjects.heartbeat("old-1"), beat.replace(",\"models\":[\"open\"]", "")
                        .getBytes(StandardCharsets.UTF_8));
            }, 0, 200, TimeUnit.MILLISECONDS);

            FinishedRun finished = Coordinator.run(Configs.parse(flags("--model", "closed", "--users", "5",
                    "--duration", "2s", "--worker-wait-timeout", "2s").toArray(String[]::new)), RunOptions.defaults(),
                    new RunControl());

            assertThat(finished.infrastructureFailure()).isTrue();
            assertThat(finished.endReason()).contains("no workers for the closed model").contains("saw 0 of 1 live");
            assertThat(finished.totals().planned()).isZero();
        } finally {
            beats.shutdownNow();
        }
    }
}
