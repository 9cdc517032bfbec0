package dev.imager.coordinator.deploy;

import static dev.imager.coordinator.deploy.ChartValueSets.DEFAULTS;
import static dev.imager.coordinator.deploy.ChartValueSets.JOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.config.CoordinatorConfig;
import dev.imager.coordinator.ledger.LedgerTimeouts;
import dev.imager.coordinator.run.ShutdownGrace;
import dev.imager.protocol.cli.GoDuration;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pods' terminationGracePeriodSeconds follow the request timeout: the coordinator's is what its own
 * {@link ShutdownGrace} says a graceful end needs, so a long request timeout no longer outlasts the grace and
 * loses the report; the workers' covers their drain plus the request timeout.
 */
class HelmShutdownGraceIT {

    @RegisterExtension
    static final PreparedChart CHART = new PreparedChart();

    @Test
    void theCoordinatorsGraceIsWhatItsGracefulEndNeedsForTheRequestTimeoutItRunsWith() throws IOException {
        for (String values : List.of(DEFAULTS, JOB, "coordinator:\n  requestTimeout: 20s\n",
                "coordinator:\n  requestTimeout: 1m30s\n  load:\n    scheduleInterval: 500ms\n",
                "coordinator:\n  load:\n    jobDuration: 4s\n")) {
            Manifests m = CHART.chart().render("imager", "imager", values);
            CoordinatorConfig config = ProgramArgs.coordinator(m.container("coordinator"));
            Duration round = config.load().scheduleInterval().compareTo(config.load().jobDuration()) >= 0
                    ? config.load().scheduleInterval() : config.load().jobDuration();
            ShutdownGrace needed = ShutdownGrace.of(config.requests().timeout(), round, LedgerTimeouts.DEFAULT);
            long neededSeconds = (needed.total().toMillis() + 999) / 1000;
            assertThat((long) m.podOf("coordinator").getSpec().getTerminationGracePeriodSeconds()).as(values)
                    .isEqualTo(neededSeconds);
        }
        CoordinatorConfig longTimeout = ProgramArgs.coordinator(CHART.chart().render("imager", "imager",
                "coordinator:\n  requestTimeout: 20s\n").container("coordinator"));
        assertThat(longTimeout.requests().timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(CHART.chart().render("imager", "imager", DEFAULTS).podOf("coordinator").getSpec()
                .getTerminationGracePeriodSeconds()).isEqualTo(18);
    }

    @Test
    void theWorkersGraceCoversTheirDrainAndTheRequestTimeout() throws IOException {
        for (String values : List.of(DEFAULTS, "coordinator:\n  requestTimeout: 20s\n",
                "worker:\n  drainTimeout: 1m\n")) {
            Manifests m = CHART.chart().render("imager", "imager", values);
            Duration drain = GoDuration.parse(ProgramArgs.worker(m.container("worker"))
                    .matchedOptionValue("--drain-timeout", "0s"));
            Duration timeout = ProgramArgs.coordinator(m.container("coordinator")).requests().timeout();
            assertThat((long) m.podOf("worker").getSpec().getTerminationGracePeriodSeconds()).as(values)
                    .isGreaterThanOrEqualTo(drain.plus(timeout).plusSeconds(10).toSeconds());
        }
    }

    @Test
    void anExplicitGraceWinsAndABadDurationIsRefusedByName() throws IOException {
        Manifests m = CHART.chart().render("imager", "imager",
                "coordinator:\n  terminationGracePeriodSeconds: 99\nworker:\n  terminationGracePeriodSeconds: 77\n");
        assertThat(m.podOf("coordinator").getSpec().getTerminationGracePeriodSeconds()).isEqualTo(99);
        assertThat(m.podOf("worker").getSpec().getTerminationGracePeriodSeconds()).isEqualTo(77);
        assertThat(CHART.chart().refused("coordinator:\n  requestTimeout: soon\n"))
                .contains("coordinator.requestTimeout");
    }
}
