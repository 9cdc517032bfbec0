package dev.imager.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.ledger.CompletedRound;
import dev.imager.coordinator.load.LoadCalculator;
import dev.imager.coordinator.load.LoadCalculatorFactory;
import dev.imager.coordinator.source.RequestSource;
import dev.imager.coordinator.source.RequestSourceFactory;
import dev.imager.coordinator.testing.Configs;
import dev.imager.coordinator.testing.RecordingListener;
import dev.imager.protocol.message.RequestSpec;
import dev.imager.sumservice.Route;
import dev.imager.sumservice.SumServer;
import dev.imager.sumservice.SumServiceConfig;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedding API in local mode: plug-ins given through {@link RunOptions} and found through
 * {@code ServiceLoader} are the ones used, end to end, against a real sumservice on loopback.
 */
class EmbeddingApiIT {

    private static SumServer target;

    @BeforeAll
    static void start() throws Exception {
        target = SumServer.start(SumServiceConfig.defaults().withHost("127.0.0.1").withPort(0));
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    private static String url() {
        return "http://127.0.0.1:" + target.port();
    }

    @Test
    void factoriesGivenInRunOptionsAreUsed() {
        RequestSourceFactory fixed = RequestSourceFactory.of("fixed-sum", (requests, run) -> new RequestSource() {
            @Override
            public RequestSpec next() {
                return RequestSpec.get("/sum", "a=7&b=35");
            }

            @Override
            public void reset() {
            }

            @Override
            public String describe() {
                return "GET /sum?a=7&b=35";
            }
        });
        LoadCalculatorFactory fives = LoadCalculatorFactory.of("fives", load -> (LoadCalculator) round -> 5 + 10 * round);
        RecordingListener listener = new RecordingListener();
        long before = target.metrics().requestCount(Route.SUM, 200);

        FinishedRun finished = Coordinator.run(Configs.parse("--local-workers", "1", "-target-mode", "url",
                        "-target-url", url(), "-request-source-type", "fixed-sum", "-load-calculator", "fives",
                        "--duration", "3s", "-listen-port", "0"),
                RunOptions.defaults().withRequestSources(List.of(fixed)).withLoadCalculators(List.of(fives))
                        .withListener(listener),
                new RunControl());

        assertThat(finished.endReason()).isEqualTo("duration reached");
        assertThat(listener.rounds).extracting(CompletedRound::rate).containsExactly(5.0, 15.0, 25.0);
        assertThat(finished.totals().planned()).isEqualTo(45);
        assertThat(finished.totals().stats().outcomes().ok()).isEqualTo(45);
        assertThat(target.metrics().requestCount(Route.SUM, 200) - before).isEqualTo(45);
    }

    @Test
    void plugInsOnTheClasspathAreFoundThroughServiceLoader() {
        // test-plug-in sends GET /from-plug-in (a 404 on sumservice); test-alternating plans min, max, min, ...
        FinishedRun finished = Coordinator.run(Configs.parse("--local-workers", "1", "-target-mode", "url",
                        "-target-url", url(), "-request-source-type", "test-plug-in", "-load-calculator",
                        "test-alternating", "-min-rps", "4", "-max-rps", "8", "--duration", "3s", "-listen-port", "0"),
                RunOptions.defaults(), new RunControl());

        assertThat(finished.totals().planned()).isEqualTo(16);
        assertThat(finished.totals().stats().outcomes().http4xx()).isEqualTo(16);
        assertThat(finished.totals().stats().statusCodes()).containsEntry(404, 16L);
    }

    @Test
    void anUnexpectedErrorOnTheControlThreadEndsTheRunWithWhatItMeasuredAndSaysSo() {
        RecordingListener listener = new RecordingListener((round, status) -> {
            if (round.round() == 4) {
                throw new IllegalStateException("a listener's bug");
            }
        });

        FinishedRun finished = Coordinator.run(Configs.parse("--local-workers", "1", "-target-mode", "url",
                        "-target-url", url(), "-request-source-type", "random-sum", "-load-calculator", "step",
                        "-min-rps", "10", "-max-rps", "10", "--duration", "60s", "-listen-port", "0"),
                RunOptions.defaults().withListener(listener), new RunControl());

        assertThat(finished.internalError()).isTrue();
        assertThat(finished.infrastructureFailure()).isFalse();
        assertThat(finished.endReason()).contains("internal error").contains("a listener's bug");
        assertThat(listener.rounds).hasSize(5);
        assertThat(finished.totals().planned()).isGreaterThanOrEqualTo(40);
        // Snapshots came every few seconds before: what a partial report is written from.
        assertThat(listener.snapshots).isNotEmpty().allSatisfy(s -> {
            assertThat(s.endReason()).isEqualTo("running");
            assertThat(s.internalError()).isFalse();
            assertThat(s.totals().planned()).isLessThanOrEqualTo(finished.totals().planned());
        });
    }
}
