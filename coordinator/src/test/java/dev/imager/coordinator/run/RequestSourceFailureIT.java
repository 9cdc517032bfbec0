package dev.imager.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.source.RequestSource;
import dev.imager.coordinator.source.RequestSourceException;
import dev.imager.coordinator.source.RequestSourceFactory;
import dev.imager.coordinator.testing.Configs;
import dev.imager.protocol.message.RequestSpec;
import dev.imager.sumservice.SumServer;
import dev.imager.sumservice.SumServiceConfig;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What {@link RequestSource} promises about a plug-in whose backing store fails at run time: the run ends at once
 * as an infrastructure failure, saying why (local mode, a real sumservice on loopback).
 */
class RequestSourceFailureIT {

    @Test
    void aSourceFailingAtRunTimeEndsTheRunAsAnInfrastructureFailure() throws Exception {
        AtomicInteger drawn = new AtomicInteger();
        RequestSourceFactory failing = RequestSourceFactory.of("fails-after-30", (requests, run) -> new RequestSource() {
            @Override
            public RequestSpec next() {
                if (drawn.incrementAndGet() > 30) {
                    throw new RequestSourceException("database went away");
                }
                return RequestSpec.get("/sum", "a=1&b=2");
            }

            @Override
            public void reset() {
            }

            @Override
            public String describe() {
                return "fails after 30 requests";
            }
        });

        try (SumServer target = SumServer.start(SumServiceConfig.defaults().withHost("127.0.0.1").withPort(0))) {
            FinishedRun finished = Coordinator.run(Configs.parse("--local-workers", "1", "-target-mode", "url",
                            "-target-url", "http://127.0.0.1:" + target.port(), "-request-source-type", "fails-after-30",
                            "-load-calculator", "step", "-min-rps", "20", "-max-rps", "20", "--duration", "30s",
                            "-listen-port", "0"),
                    RunOptions.defaults().withRequestSources(List.of(failing)), new RunControl());

            assertThat(finished.endReason()).isEqualTo("failed: request source: database went away");
            assertThat(finished.infrastructureFailure()).isTrue();
            // Round 0 drew its 20 requests; round 1 failed at its 11th and was not sent.
            assertThat(finished.totals().planned()).isLessThanOrEqualTo(20);
        }
    }
}
