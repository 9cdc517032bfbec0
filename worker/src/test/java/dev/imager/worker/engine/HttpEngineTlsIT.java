package dev.imager.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.protocol.message.HttpVersionChoice;
import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.message.RequestSpec;
import dev.imager.worker.testing.Jobs;
import dev.imager.worker.testing.LoopbackHttpServer;
import dev.imager.worker.testing.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS targets that speak only HTTP/1.1 (no ALPN): certificates are verified by default and
 * --insecure-skip-verify accepts a self-signed one; auto settles on HTTP/1.1; version 2 cannot be had.
 */
class HttpEngineTlsIT {

    @TempDir
    static Path dir;

    private static LoopbackHttpServer server;

    @BeforeAll
    static void startTlsServer() throws Exception {
        server = LoopbackHttpServer.startTls(TestCertificates.create(dir).http1Server());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clear() {
        server.received().clear();
    }

    private JobResult run(EngineSettings settings, HttpVersionChoice version) throws Exception {
        try (EngineHarness harness = new EngineHarness(settings)) {
            var job = Jobs.withClient(Jobs.uniform("tls", 5, 50, RequestSpec.get("/ok", ""),
                    "https://127.0.0.1:" + server.port(), 3_000, 0), version, 10);
            return harness.start(job, 20).awaitResult(Duration.ofSeconds(15));
        }
    }

    @Test
    void refusesAnUntrustedCertificateByDefault() throws Exception {
        for (HttpVersionChoice version : HttpVersionChoice.values()) {
            JobResult result = run(EngineSettings.defaults().withEventLoops(1), version);
            assertThat(result.stats().outcomes().connectError()).as(version.flagValue()).isEqualTo(5);
        }
        assertThat(server.received()).isEmpty();
    }

    @Test
    void acceptsItWhenVerificationIsSkipped() throws Exception {
        JobResult result = run(EngineSettings.defaults().withEventLoops(1).withInsecureSkipVerify(true),
                HttpVersionChoice.HTTP_1_1);
        assertThat(result.stats().outcomes().ok()).isEqualTo(5);
        assertThat(result.stats().protocols()).isEqualTo(Map.of("HTTP/1.1", Map.of(200, 5L)));
        assertThat(server.received()).hasSize(5);
    }

    @Test
    void autoSettlesOnHttp11WhenTheServerOffersNoH2() throws Exception {
        JobResult result = run(EngineSettings.defaults().withEventLoops(1).withInsecureSkipVerify(true),
                HttpVersionChoice.AUTO);
        assertThat(result.stats().outcomes().ok()).isEqualTo(5);
        assertThat(result.stats().protocols()).isEqualTo(Map.of("HTTP/1.1", Map.of(200, 5L)));
        assertThat(server.received()).hasSize(5);
    }

    @Test
    void version2CannotConnectToAServerWithoutH2() throws Exception {
        JobResult result = run(EngineSettings.defaults().withEventLoops(1).withInsecureSkipVerify(true),
                HttpVersionChoice.HTTP_2);
        assertThat(result.stats().outcomes().connectError()).isEqualTo(5);
        assertThat(server.received()).isEmpty();
    }
}
