package dev.imager.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.protocol.message.HttpVersionChoice;
import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.message.RequestSpec;
import dev.imager.worker.testing.Jobs;
import dev.imager.worker.testing.LoopbackHttp2Server;
import dev.imager.worker.testing.LoopbackHttpServer;
import dev.imager.worker.testing.LoopbackProxy;
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
 * Requests through a real HTTP proxy on loopback, chosen as Go's ProxyFromEnvironment chooses. The targets are
 * named {@value #UNRESOLVABLE}, which resolves nowhere: a request that reaches them went through the proxy (which
 * connects to 127.0.0.1 whatever the name), and the proxy's own log counts them.
 */
class HttpEngineProxyIT {

    static final String UNRESOLVABLE = "target.imager.invalid";

    @TempDir
    static Path dir;

    private static LoopbackProxy proxy;
    private static LoopbackHttpServer http;
    private static LoopbackHttpServer https;
    private static LoopbackHttp2Server h2;

    @BeforeAll
    static void start() throws Exception {
        proxy = LoopbackProxy.start();
        http = LoopbackHttpServer.start();
        TestCertificates certificates = TestCertificates.create(dir);
        https = LoopbackHttpServer.startTls(certificates.http1Server());
        h2 = LoopbackHttp2Server.startTls(certificates.h2Server(), 100);
    }

    @AfterAll
    static void stop() {
        proxy.close();
        http.close();
        https.close();
        h2.close();
    }

    @BeforeEach
    void clear() {
        proxy.clear();
        http.received().clear();
        https.received().clear();
        h2.clear();
    }

    private static EngineHarness harness(ProxyRules rules) {
        return new EngineHarness(EngineSettings.defaults().withEventLoops(1).withInsecureSkipVerify(true)
                .withProxies(rules));
    }

    private static JobResult run(EngineHarness harness, String target, HttpVersionChoice version, int n)
            throws Exception {
        return run(harness, target, version, n, 100);
    }

    private static JobResult run(EngineHarness harness, String target, HttpVersionChoice version, int n, double rps)
            throws Exception {
        var job = Jobs.withClient(Jobs.uniform("proxy", n, rps, RequestSpec.get("/ok", "q=1"), target, 3_000, 0),
                version, 10);
        return harness.start(job, 20).awaitResult(Duration.ofSeconds(15));
    }

    private static JobResult run(ProxyRules rules, String target, HttpVersionChoice version, int n) throws Exception {
        try (EngineHarness harness = harness(rules)) {
            return run(harness, target, version, n);
        }
    }

    @Test
    void sendsHttpTargetsToHttpProxyInAbsoluteForm() throws Exception {
        String target = "http://" + UNRESOLVABLE + ":" + http.port();

        JobResult result = run(ProxyRules.of(Map.of("HTTP_PROXY", proxy.url()), null), target,
                HttpVersionChoice.HTTP_1_1, 6);

        assertThat(result.stats().outcomes()).isEqualTo(new OutcomeCounts(6, 0, 0, 0, 0, 0, 0));
        assertThat(proxy.forwarded()).hasSize(6).containsOnly("GET " + target + "/ok?q=1 HTTP/1.1");
        assertThat(http.received()).hasSize(6).allSatisfy(r -> {
            assertThat(r.uri()).isEqualTo("/ok?q=1");
            assertThat(r.headers()).containsEntry("Host", UNRESOLVABLE + ":" + http.port());
        });
    }

    @Test
    void tunnelsHttpsTargetsThroughHttpsProxyWithConnect() throws Exception {
        int before = https.connectionsAccepted();
        try (EngineHarness harness = harness(ProxyRules.of(Map.of("https_proxy", proxy.url()), null))) {
            String target = "https://" + UNRESOLVABLE + ":" + https.port();
            JobResult first = run(harness, target, HttpVersionChoice.HTTP_1_1, 5);
            int tunnels = proxy.tunnels().size();
            JobResult second = run(harness, target, HttpVersionChoice.HTTP_1_1, 5, 10);

            assertThat(first.stats().outcomes().ok()).isEqualTo(5);
            assertThat(second.stats().outcomes().ok()).isEqualTo(5);
            // Every connection the target accepted came through a tunnel; the proxy never saw the requests.
            assertThat(proxy.tunnels()).hasSize(https.connectionsAccepted() - before)
                    .containsOnly(UNRESOLVABLE + ":" + https.port());
            assertThat(proxy.forwarded()).isEmpty();
            assertThat(https.received()).hasSize(10);
            // Idle keep-alive connections (tunnels) carry the second, slower job: no new tunnel.
            assertThat(proxy.tunnels()).hasSize(tunnels);
        }
    }

    @Test
    void tunnelsH2NegotiatedByAlpnInsideTheConnectTunnel() throws Exception {
        int before = h2.connectionsAccepted();
        try (EngineHarness harness = harness(ProxyRules.of(Map.of("HTTPS_PROXY", proxy.url()), null))) {
            String target = "https://" + UNRESOLVABLE + ":" + h2.port();
            JobResult first = run(harness, target, HttpVersionChoice.AUTO, 8);
            int tunnels = proxy.tunnels().size();
            JobResult second = run(harness, target, HttpVersionChoice.AUTO, 8, 20);

            assertThat(first.stats().protocols()).isEqualTo(Map.of("HTTP/2", Map.of(200, 8L)));
            assertThat(second.stats().protocols()).isEqualTo(Map.of("HTTP/2", Map.of(200, 8L)));
            assertThat(proxy.tunnels()).hasSize(h2.connectionsAccepted() - before)
                    .containsOnly(UNRESOLVABLE + ":" + h2.port());
            assertThat(h2.received()).hasSize(16);
            assertThat(proxy.tunnels()).hasSize(tunnels);
        }
    }

    @Test
    void honoursNoProxyAndGoesDirect() throws Exception {
        var env = Map.of("HTTP_PROXY", proxy.url(), "NO_PROXY", "imager.invalid");

        JobResult result = run(ProxyRules.of(env, null), "http://" + UNRESOLVABLE + ":" + http.port(),
                HttpVersionChoice.HTTP_1_1, 3);

        // Direct, the name resolves nowhere: the connection cannot be opened, and the proxy saw nothing.
        assertThat(result.stats().outcomes().connectError()).isEqualTo(3);
        assertThat(proxy.forwarded()).isEmpty();
        assertThat(http.received()).isEmpty();
    }

    @Test
    void theProxyFlagAppliesToLoopbackAndCarriesCredentials() throws Exception {
        String withCredentials = proxy.url().replace("http://", "http://load:s3cret@");

        JobResult result = run(ProxyRules.of(Map.of(), withCredentials), http.baseUrl(), HttpVersionChoice.HTTP_1_1, 4);

        assertThat(result.stats().outcomes().ok()).isEqualTo(4);
        assertThat(proxy.forwarded()).hasSize(4);
        assertThat(proxy.authorizations()).containsOnly("Basic bG9hZDpzM2NyZXQ=");
        assertThat(http.received()).hasSize(4).allSatisfy(r -> assertThat(r.headers()).doesNotContainKey(
                "Proxy-Authorization"));
    }

    @Test
    void loopbackTargetsIgnoreTheEnvironmentsProxyAsInGo() throws Exception {
        JobResult result = run(ProxyRules.of(Map.of("HTTP_PROXY", proxy.url()), null), http.baseUrl(),
                HttpVersionChoice.HTTP_1_1, 3);

        assertThat(result.stats().outcomes().ok()).isEqualTo(3);
        assertThat(proxy.forwarded()).isEmpty();
        assertThat(http.received()).hasSize(3);
    }

    @Test
    void aProxyThatRefusesTheTunnelIsAConnectError() throws Exception {
        proxy.refuseTunnels();
        for (HttpVersionChoice version : HttpVersionChoice.values()) {
            JobResult result = run(ProxyRules.of(Map.of("HTTPS_PROXY", proxy.url()), null),
                    "https://" + UNRESOLVABLE + ":" + https.port(), version, 2);
            assertThat(result.stats().outcomes()).as(version.flagValue()).isEqualTo(new OutcomeCounts(0, 0, 0, 0, 2, 0, 0));
        }
        assertThat(https.received()).isEmpty();
    }
}
