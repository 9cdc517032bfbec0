package dev.imager.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Go's ProxyFromEnvironment, row by row. */
class ProxyRulesTest {

    private static final Map<String, String> ENV = Map.of("HTTP_PROXY", "http://proxy.corp:3128",
            "HTTPS_PROXY", "secure-proxy.corp:8443",
            "NO_PROXY", " internal.corp, .svc , *.cluster.local, 10.0.0.0/8, 192.168.1.7, db.corp:5432, [fd00::1]:80 ");

    static Stream<Arguments> targets() {
        return Stream.of(
                // target -> proxy (null: direct)
                Arguments.of("http://api.example", "http://proxy.corp:3128"),
                Arguments.of("https://api.example", "http://secure-proxy.corp:8443"),      // no scheme means http://
                Arguments.of("http://localhost:8080", null),                               // never loopback
                Arguments.of("http://127.0.0.2", null),
                Arguments.of("http://[::1]:80", null),
                Arguments.of("http://internal.corp", null),                                // the domain itself
                Arguments.of("http://a.internal.corp", null),                              // and its subdomains
                Arguments.of("http://notinternal.corp", "http://proxy.corp:3128"),
                Arguments.of("http://svc", "http://proxy.corp:3128"),                      // .svc: subdomains only
                Arguments.of("http://web.ns.svc", null),
                Arguments.of("http://x.cluster.local", null),
                Arguments.of("http://10.20.30.40", null),                                  // CIDR
                Arguments.of("http://11.0.0.1", "http://proxy.corp:3128"),
                Arguments.of("http://192.168.1.7:9999", null),                             // an IP without port: any
                Arguments.of("http://db.corp:5432", null),                                 // with port: that one only
                Arguments.of("http://db.corp", "http://proxy.corp:3128"),
                Arguments.of("http://[fd00::1]", null),
                Arguments.of("http://[fd00::1]:81", "http://proxy.corp:3128"),
                Arguments.of("http://API.EXAMPLE", "http://proxy.corp:3128"),
                Arguments.of("http://WEB.NS.SVC", null));                                   // case-insensitive
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void choosesTheProxyAsGoDoes(String target, String proxy) {
        ProxyAddress chosen = ProxyRules.of(ENV, null).proxyFor(TargetAddress.parse(target));
        assertThat(chosen == null ? null : chosen.toString()).isEqualTo(proxy);
    }

    @Test
    void upperCaseWinsAndLowerCaseWorksAlone() {
        var http = TargetAddress.parse("http://api.example");
        assertThat(ProxyRules.of(Map.of("http_proxy", "http://lower:1"), null).proxyFor(http)).hasToString("http://lower:1");
        assertThat(ProxyRules.of(Map.of("http_proxy", "http://lower:1", "HTTP_PROXY", "http://upper:2"), null)
                .proxyFor(http)).hasToString("http://upper:2");
        assertThat(ProxyRules.of(Map.of("HTTP_PROXY", "http://p:1", "no_proxy", "api.example"), null).proxyFor(http))
                .isNull();
    }

    @Test
    void aCgiProcessIgnoresHttpProxy() {
        var rules = ProxyRules.of(Map.of("HTTP_PROXY", "http://p:1", "HTTPS_PROXY", "http://p:2", "REQUEST_METHOD", "GET"),
                null);
        assertThat(rules.proxyFor(TargetAddress.parse("http://api.example"))).isNull();
        assertThat(rules.proxyFor(TargetAddress.parse("https://api.example"))).hasToString("http://p:2");
    }

    @Test
    void theFlagReplacesBothVariablesAppliesToLoopbackAndHonoursNoProxy() {
        var rules = ProxyRules.of(Map.of("HTTP_PROXY", "http://env:1", "NO_PROXY", "skip.example"), "http://flag:3128");
        assertThat(rules.proxyFor(TargetAddress.parse("http://127.0.0.1:8080"))).hasToString("http://flag:3128");
        assertThat(rules.proxyFor(TargetAddress.parse("https://api.example"))).hasToString("http://flag:3128");
        assertThat(rules.proxyFor(TargetAddress.parse("http://skip.example"))).isNull();
    }

    @Test
    void aStarInNoProxyMeansEveryTargetDirect() {
        var rules = ProxyRules.of(Map.of("HTTP_PROXY", "http://p:1", "NO_PROXY", "a.example, *"), null);
        assertThat(rules.isDirect()).isTrue();
        assertThat(rules.proxyFor(TargetAddress.parse("http://api.example"))).isNull();
    }

    @Test
    void carriesCredentialsAsBasicAuthorizationButNeverPrintsThem() {
        ProxyAddress p = ProxyRules.of(Map.of("HTTPS_PROXY", "http://user%40corp:p%3Ass@proxy:3128"), null)
                .proxyFor(TargetAddress.parse("https://api.example"));
        assertThat(p.authorization()).isEqualTo("Basic " + java.util.Base64.getEncoder()
                .encodeToString("user@corp:p:ss".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(p.toString()).isEqualTo("http://proxy:3128");
        assertThat(ProxyRules.of(Map.of("HTTPS_PROXY", "http://u:secret@proxy:3128"), null).toString())
                .doesNotContain("secret");
    }

    @Test
    void refusesWhatItCannotUseNamingTheSource() {
        assertThatThrownBy(() -> ProxyRules.of(Map.of("HTTPS_PROXY", "socks5://p:1080"), null))
                .hasMessageStartingWith("HTTPS_PROXY: proxy scheme 'socks5' is not supported");
        assertThatThrownBy(() -> ProxyRules.of(Map.of(), "https://p:443"))
                .hasMessageStartingWith("--proxy: proxy scheme 'https' is not supported");
        assertThatThrownBy(() -> ProxyRules.of(Map.of("http_proxy", "http://:80"), null))
                .hasMessageStartingWith("http_proxy:");
        assertThat(ProxyRules.of(Map.of(), null).isDirect()).isTrue();
    }
}
