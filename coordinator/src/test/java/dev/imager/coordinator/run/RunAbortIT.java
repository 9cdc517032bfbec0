package dev.imager.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.status.RunStatus;
import dev.imager.coordinator.testing.Configs;
import dev.imager.protocol.transport.InMemoryTransport;
import dev.imager.sumservice.SumServer;
import dev.imager.sumservice.SumServiceConfig;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A second signal aborts the run a first one began to stop (CoordinatorMain: {@code stop("interrupted (SIGINT)")},
 * then {@code abort("aborted (SIGINT twice)")}), and the report says so: its end reason is the abort's, whether the
 * abort comes before the run began its drain or while it drains (docs/operations.md, "Signals").
 */
class RunAbortIT {

    private static final String STOPPED = "interrupted (SIGINT)";
    private static final String ABORTED = "aborted (SIGINT twice)";

    @Test
    void anAbortRightAfterTheStopEndsTheRunAsAborted() throws Exception {
        FinishedRun finished = run((status, control) -> {
            if (status.state().equals("running") && status.elapsedSeconds() >= 1) {
                control.stop(STOPPED);
                control.abort(ABORTED);
            }
        });

        assertThat(finished.endReason()).isEqualTo(ABORTED);
    }

    @Test
    void anAbortDuringTheDrainEndsTheRunAsAborted() throws Exception {
        AtomicBoolean drainSeen = new AtomicBoolean();
        FinishedRun finished = run((status, control) -> {
            if (status.state().equals("running") && status.elapsedSeconds() >= 1) {
                control.stop(STOPPED);
            } else if (status.state().equals("draining") && !drainSeen.getAndSet(true)) {
                control.abort(ABORTED);
            }
        });

        assertThat(drainSeen).as("a tick saw the run draining").isTrue();
        assertThat(finished.endReason()).isEqualTo(ABORTED);
    }

    private interface OnTick {
        void accept(RunStatus status, RunControl control);
    }

    /**
     * A local run at 10 rps against a target that serves one request at a time in 400 ms: its rounds wait for
     * timeouts (2 s), so a stopped run drains for seconds, long enough for a tick to see it.
     */
    private static FinishedRun run(OnTick onTick) throws Exception {
        try (SumServer target = SumServer.start(SumServiceConfig.defaults().withHost("127.0.0.1").withPort(0)
                        .withSimulation(1, 400));
                InMemoryTransport bus = new InMemoryTransport()) {
            RunControl control = new RunControl();
            RunListener listener = new RunListener() {
                @Override
                public void onTick(RunStatus status) {
                    onTick.accept(status, control);
                }
            };
            return Coordinator.run(Configs.parse("--local-workers", "1", "-target-mode", "url",
                    "-target-url", "http://127.0.0.1:" + target.port(), "-request-source-type", "random-sum",
                    "-load-calculator", "step", "-min-rps", "10", "-max-rps", "10", "--duration", "60s",
                    "-listen-port", "0"), RunOptions.defaults().withTransport(bus).withListener(listener), control);
        }
    }
}
