package dev.imager.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.message.RequestSpec;
import dev.imager.worker.testing.Jobs;
import dev.imager.worker.testing.LoopbackHttpServer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS targets: certificates are verified by default; --insecure-skip-verify accepts a self-signed one. */
class HttpEngineTlsIT {

    @TempDir
    static Path dir;

    private static LoopbackHttpServer server;

    @BeforeAll
    static void startTlsServer() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SslContext serverContext = SslContextBuilder.forServer(kmf).build();
        server = LoopbackHttpServer.startTls(serverContext);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @org.junit.jupiter.api.BeforeEach
    void clear() {
        server.received().clear();
    }

    private JobResult run(EngineSettings settings) throws Exception {
        try (EngineHarness harness = new EngineHarness(settings)) {
            var job = Jobs.uniform("tls", 5, 50, RequestSpec.get("/ok", ""), "https://127.0.0.1:" + server.port(), 3_000, 0);
            return harness.start(job, 20).awaitResult(Duration.ofSeconds(15));
        }
    }

    @Test
    void refusesAnUntrustedCertificateByDefault() throws Exception {
        JobResult result = run(EngineSettings.defaults().withEventLoops(1));
        assertThat(result.stats().outcomes().connectError()).isEqualTo(5);
        assertThat(server.received()).isEmpty();
    }

    @Test
    void acceptsItWhenVerificationIsSkipped() throws Exception {
        JobResult result = run(EngineSettings.defaults().withEventLoops(1).withInsecureSkipVerify(true));
        assertThat(result.stats().outcomes().ok()).isEqualTo(5);
        assertThat(server.received()).hasSize(5);
    }
}
