package dev.imager.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imager.protocol.testing.NatsTestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NATS authentication (user/password, token) and TLS (server verified against a PEM CA; mutual TLS with a
 * PEM client certificate) against real nats-server processes. Certificates are made with openssl.
 */
class NatsAuthAndTlsIT {

    private static final Duration SHORT = Duration.ofMillis(800);

    @TempDir
    static Path dir;

    @BeforeAll
    static void makeCertificates() throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=imager test CA",
                "-keyout", "ca.key", "-out", "ca.pem");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        for (String name : new String[] {"server", "client"}) {
            openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + name, "-keyout", name + ".key",
                    "-out", name + ".csr");
            openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                    "-days", "2", "-extfile", "san.ext", "-out", name + ".pem");
        }
        // Same CA, other names: a certificate for another host, and one that names this host by name only.
        sign("other", "subjectAltName=DNS:nats.other.invalid\n");
        sign("by-name", "subjectAltName=DNS:localhost\n");
        // PKCS#8, the form --nats-tls-key reads.
        openssl("pkcs8", "-topk8", "-nocrypt", "-in", "client.key", "-out", "client-pkcs8.key");
    }

    private static void sign(String name, String extension) throws IOException, InterruptedException {
        Files.writeString(dir.resolve(name + ".ext"), extension);
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + name, "-keyout", name + ".key",
                "-out", name + ".csr");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", name + ".ext", "-out", name + ".pem");
    }

    private static NatsTestServer tlsServer(String certificate) {
        return NatsTestServer.startBinary("--tls", "--tlscert", dir.resolve(certificate + ".pem").toString(),
                "--tlskey", dir.resolve(certificate + ".key").toString());
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("openssl is needed to make test certificates "
                    + "(Debian/Ubuntu: sudo apt-get install -y openssl)", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("openssl %s: %s", String.join(" ", args), output).isZero();
    }

    private static void assertRoundTrip(Transport t) throws Exception {
        CompletableFuture<String> got = new CompletableFuture<>();
        t.subscribe("auth.check", m -> got.complete(new String(m.payload(), StandardCharsets.UTF_8)));
        t.flush(Duration.ofSeconds(5));
        t.publish("auth.check", "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(got.get(10, TimeUnit.SECONDS)).isEqualTo("hello");
    }

    @Test
    void userAndPassword() throws Exception {
        try (NatsTestServer server = NatsTestServer.startBinary("--user", "imager", "--pass", "s3cret");
                NatsTransport ok = NatsTransport.connect(NatsSettings.of(server.url()).withUserPassword("imager", "s3cret"))) {
            assertRoundTrip(ok);
            assertThatThrownBy(() -> NatsTransport.connect(NatsSettings.of(server.url())
                    .withUserPassword("imager", "wrong").withConnectTimeout(SHORT)))
                    .isInstanceOf(TransportException.class).hasMessageContaining(server.url().replace("nats://", ""));
        }
    }

    @Test
    void token() throws Exception {
        try (NatsTestServer server = NatsTestServer.startBinary("--auth", "t0ken");
                NatsTransport ok = NatsTransport.connect(NatsSettings.of(server.url()).withToken("t0ken"))) {
            assertRoundTrip(ok);
            assertThatThrownBy(() -> NatsTransport.connect(NatsSettings.of(server.url()).withConnectTimeout(SHORT)))
                    .isInstanceOf(TransportException.class);
        }
    }

    @Test
    void tlsVerifiedAgainstAPemCa() throws Exception {
        try (NatsTestServer server = NatsTestServer.startBinary("--tls", "--tlscert", dir.resolve("server.pem").toString(),
                "--tlskey", dir.resolve("server.key").toString());
                NatsTransport ok = NatsTransport.connect(NatsSettings.of(server.url())
                        .withTls(true, dir.resolve("ca.pem"), null, null))) {
            assertRoundTrip(ok);
            // The JVM's own trust store does not know the test CA.
            assertThatThrownBy(() -> NatsTransport.connect(NatsSettings.of(server.url()).withTls(true, null, null, null)
                    .withConnectTimeout(SHORT))).isInstanceOf(TransportException.class);
        }
    }

    @Test
    void mutualTlsWithAPemClientCertificate() throws Exception {
        try (NatsTestServer server = NatsTestServer.startBinary("--tlsverify", "--tlscert", dir.resolve("server.pem").toString(),
                "--tlskey", dir.resolve("server.key").toString(), "--tlscacert", dir.resolve("ca.pem").toString());
                NatsTransport ok = NatsTransport.connect(NatsSettings.of(server.url()).withTls(true, dir.resolve("ca.pem"),
                        dir.resolve("client.pem"), dir.resolve("client-pkcs8.key")))) {
            assertRoundTrip(ok);
            assertThatThrownBy(() -> NatsTransport.connect(NatsSettings.of(server.url())
                    .withTls(true, dir.resolve("ca.pem"), null, null).withConnectTimeout(SHORT)))
                    .isInstanceOf(TransportException.class);
        }
    }

    @Test
    void aKeyThatIsNotPkcs8IsExplainedHowToConvert() {
        NatsSettings settings = NatsSettings.of("nats://127.0.0.1:1").withTls(true, dir.resolve("ca.pem"),
                dir.resolve("client.pem"), dir.resolve("ca.pem")).withConnectTimeout(SHORT);
        assertThatThrownBy(() -> NatsTransport.connect(settings)).isInstanceOf(TransportException.class)
                .hasMessageContaining("openssl pkcs8 -topk8");
    }

    @Test
    void aServerCertificateForAnotherHostIsRefused() {
        // Signed by the trusted CA, but for nats.other.invalid: a stand-in server must not pass for this one.
        try (NatsTestServer server = tlsServer("other")) {
            assertThatThrownBy(() -> NatsTransport.connect(NatsSettings.of(server.url())
                    .withTls(true, dir.resolve("ca.pem"), null, null).withConnectTimeout(SHORT)))
                    .isInstanceOf(TransportException.class);
        }
    }

    @Test
    void theHostNameInTheUrlIsWhatTheCertificateMustName() throws Exception {
        // The certificate names localhost only (no IP entry): the name in the URL is checked, not its address.
        try (NatsTestServer server = tlsServer("by-name");
                NatsTransport ok = NatsTransport.connect(NatsSettings.of(server.url().replace("127.0.0.1", "localhost"))
                        .withTls(true, dir.resolve("ca.pem"), null, null))) {
            assertRoundTrip(ok);
            // The same server reached by its address does not match the certificate.
            assertThatThrownBy(() -> NatsTransport.connect(NatsSettings.of(server.url())
                    .withTls(true, dir.resolve("ca.pem"), null, null).withConnectTimeout(SHORT)))
                    .isInstanceOf(TransportException.class);
        }
    }
}
