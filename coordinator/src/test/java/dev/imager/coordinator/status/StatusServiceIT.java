package dev.imager.coordinator.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imager.coordinator.run.Coordinator;
import dev.imager.coordinator.run.RunControl;
import dev.imager.coordinator.run.RunOptions;
import dev.imager.coordinator.run.FinishedRun;
import dev.imager.coordinator.testing.Configs;
import dev.imager.coordinator.testing.RecordingListener;
import dev.imager.coordinator.testing.WorkerProcess;
import dev.imager.protocol.testing.NatsTestServer;
import dev.imager.protocol.transport.NatsSettings;
import dev.imager.protocol.transport.NatsTransport;
import dev.imager.sumservice.SumServer;
import dev.imager.sumservice.SumServiceConfig;
import io.nats.client.Message;
import io.nats.service.Discovery;
import io.nats.service.InfoResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's NATS micro service over a real nats-server: discoverable as "imager" (what
 * {@code nats micro info imager} shows) and answering {@code imager.status} requests with the run's status.
 */
class StatusServiceIT {

    @Test
    void answersStatusRequestsAndIsDiscoverableDuringARun() throws Exception {
        try (NatsTestServer nats = NatsTestServer.start();
                SumServer target = SumServer.start(SumServiceConfig.defaults().withHost("127.0.0.1").withPort(0));
                WorkerProcess worker = WorkerProcess.start("status-w", nats.url(), "--subject-prefix", "st",
                        "--heartbeat-interval", "200ms");
                NatsTransport client = NatsTransport.connect(NatsSettings.of(nats.url()))) {
            CompletableFuture<JsonNode> status = new CompletableFuture<>();
            CompletableFuture<InfoResponse> info = new CompletableFuture<>();
            RunControl control = new RunControl();
            RecordingListener listener = new RecordingListener((round, s) -> {
                if (round.round() == 1 && !status.isDone()) {
                    // Ask as `nats req st.status ''` and `nats micro info imager` would, off the control thread.
                    CompletableFuture.runAsync(() -> {
                        try {
                            Message reply = client.connection().request("st.status", new byte[0], Duration.ofSeconds(5));
                            status.complete(new ObjectMapper().readTree(reply.getData()));
                            List<InfoResponse> infos = new Discovery(client.connection(), 2_000, 1).info("imager");
                            info.complete(infos.isEmpty() ? null : infos.get(0));
                        } catch (Exception e) {
                            status.completeExceptionally(e);
                        } finally {
                            control.stop("asked");
                        }
                    });
                }
            });

            FinishedRun finished = Coordinator.run(Configs.parse("--nats-url", nats.url(), "--subject-prefix", "st",
                    "-target-mode", "url", "-target-url", "http://127.0.0.1:" + target.port(),
                    "-request-source-type", "random-sum", "-load-calculator", "step", "-min-rps", "20", "-max-rps", "20",
                    "--duration", "30s", "-listen-port", "0"), RunOptions.defaults().withListener(listener), control);

            JsonNode s = status.get(30, TimeUnit.SECONDS);
            assertThat(s.get("runId").asText()).isEqualTo(finished.runId());
            assertThat(s.get("state").asText()).isEqualTo("running");
            assertThat(s.get("plannedRate").asDouble()).isEqualTo(20.0);
            assertThat(s.get("ok").asLong()).isGreaterThanOrEqualTo(20);
            assertThat(s.get("workers").get("live").asInt()).isEqualTo(1);
            InfoResponse micro = info.get(30, TimeUnit.SECONDS);
            assertThat(micro).isNotNull();
            assertThat(micro.getName()).isEqualTo("imager");
            assertThat(micro.getEndpoints()).anySatisfy(e -> assertThat(e.getSubject()).isEqualTo("st.status"));
            assertThat(finished.endReason()).isEqualTo("asked");
        }
    }
}
