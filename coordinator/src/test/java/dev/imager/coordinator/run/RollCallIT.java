package dev.imager.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imager.coordinator.testing.BusAndTarget;
import dev.imager.coordinator.testing.Configs;
import dev.imager.coordinator.testing.WorkerProcess;
import dev.imager.protocol.Subjects;
import dev.imager.protocol.codec.MessageCodec;
import dev.imager.protocol.message.Control;
import dev.imager.protocol.message.ControlAction;
import dev.imager.protocol.message.Heartbeat;
import dev.imager.protocol.transport.NatsSettings;
import dev.imager.protocol.transport.NatsTransport;
import dev.imager.sumservice.Route;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A coordinator started while its workers already run calls the roll on the control subject, and the workers beat at
 * once instead of at their next interval. Workers here beat every 30 s, the longest interval allowed, and the
 * coordinator waits 10 s for them: it can only start by the roll call. A real nats-server, a worker process, and
 * sumservice as the target, whose own count the run's is checked against.
 */
class RollCallIT {

    /** The longest heartbeat interval a worker accepts: without a roll call, a coordinator would hear nothing. */
    private static final String SLOW_BEATS = "30s";

    @RegisterExtension
    static final BusAndTarget ENV = new BusAndTarget();

    private final MessageCodec codec = new MessageCodec();
    private final String prefix = "rollcall" + UUID.randomUUID().toString().substring(0, 6);
    private final Subjects subjects = Subjects.withPrefix(prefix);

    @Test
    void aCoordinatorStartedAfterItsWorkersHearsThemAtOnce() throws Exception {
        AtomicInteger beats = new AtomicInteger();
        try (NatsTransport watcher = NatsTransport.connect(
                NatsSettings.of(ENV.nats().url()).withConnectionName("watcher"))) {
            try (WorkerProcess worker = startSlowWorker("slow-1", watcher, beats)) {
                // The worker's first beat went out before the coordinator listened: it registered nobody.
                long before = ENV.target().metrics().requestCount(Route.SUM, 200);

                FinishedRun finished = Coordinator.run(Configs.parse("--nats-url", ENV.nats().url(), "--subject-prefix",
                        prefix, "-target-mode", "url", "-target-url", "http://127.0.0.1:" + ENV.target().port(),
                        "-request-source-type", "random-sum", "-listen-port", "0", "-load-calculator", "step",
                        "-min-rps", "20", "-max-rps", "20", "-step-rps", "1", "--duration", "1s", "--min-workers", "1",
                        "--worker-wait-timeout", "10s", "--request-timeout", "20s"), RunOptions.defaults(),
                        new RunControl());

                assertThat(finished.endReason()).as(worker.log()).isEqualTo("duration reached");
                long answered = ENV.target().metrics().requestCount(Route.SUM, 200) - before;
                assertThat(finished.totals().stats().outcomes().ok()).isEqualTo(answered).isEqualTo(20);
                assertThat(beats.get()).as("the first beat and the roll call's").isGreaterThanOrEqualTo(2);
            }
        }
    }

    @Test
    void aFloodOfRollCallsMakesAWorkerBeatAtMostOncePerShortestInterval() throws Exception {
        AtomicInteger beats = new AtomicInteger();
        try (NatsTransport bus = NatsTransport.connect(
                NatsSettings.of(ENV.nats().url()).withConnectionName("flooder"))) {
            try (WorkerProcess worker = startSlowWorker("flooded-1", bus, beats)) {
                int first = beats.get();
                byte[] rollCall = codec.encode(new Control("run-x", "anyone", ControlAction.ROLL_CALL, ""));
                long start = System.nanoTime();
                int sent = 0;
                // One second of roll calls, as fast as this connection publishes them (bounded in count too).
                while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1) && sent < 200_000) {
                    bus.publish(subjects.control(), rollCall);
                    sent++;
                }
                bus.flush(Duration.ofSeconds(5));
                await().atMost(10, TimeUnit.SECONDS).until(() -> beats.get() > first);
                // Time for any excess beats to arrive before counting.
                await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> true);

                long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                int answers = beats.get() - first;
                assertThat(sent).isGreaterThan(100);
                assertThat(answers).as("beats answering %d roll calls in %d ms; worker log: %s", sent, elapsedMillis,
                        worker.log()).isBetween(1, (int) (elapsedMillis / Heartbeat.MIN_INTERVAL_MILLIS) + 1);
            }
        }
    }

    /**
     * Starts worker {@code id} beating every {@value #SLOW_BEATS}, counting its heartbeats in {@code beats} through
     * {@code bus}, and returns once its first beat (sent as it starts) was seen.
     */
    private WorkerProcess startSlowWorker(String id, NatsTransport bus, AtomicInteger beats) throws Exception {
        bus.subscribe(subjects.heartbeat(id), m -> beats.incrementAndGet());
        bus.flush(Duration.ofSeconds(5));
        WorkerProcess worker = WorkerProcess.start(id, ENV.nats().url(), "--subject-prefix", prefix,
                "--heartbeat-interval", SLOW_BEATS);
        try {
            await().atMost(60, TimeUnit.SECONDS).until(() -> beats.get() >= 1);
        } catch (RuntimeException e) {
            worker.close();
            throw e;
        }
        return worker;
    }
}
