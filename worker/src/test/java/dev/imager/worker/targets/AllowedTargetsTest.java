package dev.imager.worker.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imager.worker.engine.TargetAddress;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AllowedTargetsTest {

    static Stream<Arguments> decisions() {
        return Stream.of(
                // the default: this machine, by name or address, any port
                row("localhost,127.0.0.0/8,[::1]", "localhost", 8080, true),
                row("localhost,127.0.0.0/8,[::1]", "LOCALHOST.", 80, true),
                row("localhost,127.0.0.0/8,[::1]", "127.9.9.9", 1, true),
                row("localhost,127.0.0.0/8,[::1]", "::1", 443, true),
                row("localhost,127.0.0.0/8,[::1]", "[::1]", 443, true),
                // IPv4-mapped IPv6 is the IPv4 address it maps
                row("localhost,127.0.0.0/8,[::1]", "::ffff:127.0.0.1", 80, true),
                row("localhost,127.0.0.0/8,[::1]", "10.0.0.1", 80, false),
                row("localhost,127.0.0.0/8,[::1]", "example.com", 80, false),
                // short and decimal forms resolve to loopback, but they are names here and no name rule lists them
                row("localhost,127.0.0.0/8,[::1]", "127.1", 80, false),
                row("localhost,127.0.0.0/8,[::1]", "2130706433", 80, false),
                // a name never matches an address rule: no DNS lookup decides
                row("10.0.0.0/8", "sumservice.demo.svc", 8080, false),
                // host:port allows that port only
                row("api.example.com:443", "api.example.com", 443, true),
                row("api.example.com:443", "api.example.com", 80, false),
                row("api.example.com:443", "www.example.com", 443, false),
                // a wildcard allows names below the domain, at any depth, not the domain itself
                row("*.example.com", "api.example.com", 443, true),
                row("*.example.com", "a.b.example.com", 443, true),
                row("*.example.com", "example.com", 443, false),
                row("*.example.com", "evilexample.com", 443, false),
                row("*.example.com:8443", "api.example.com", 443, false),
                // blocks, with and without a port, both families
                row("10.0.0.0/8", "10.200.3.4", 9, true),
                row("10.0.0.0/8", "11.0.0.1", 9, false),
                row("10.1.0.0/17:8080", "10.1.127.255", 8080, true),
                row("10.1.0.0/17:8080", "10.1.128.0", 8080, false),
                row("10.1.0.0/17:8080", "10.1.1.1", 8081, false),
                row("fd00::/8", "fd12:3456::1", 80, true),
                row("fd00::/8", "fe80::1", 80, false),
                row("fd00::/8:443", "fd00::1", 443, true),
                row("[fd00::/8]:443", "fd00::1", 80, false),
                // an address family never matches the other
                row("0.0.0.0/0", "::2", 80, false),
                row("::/0", "10.0.0.1", 80, false),
                // what the Helm chart renders: pod-network blocks (bare IPv6, or bracketed with the demo's port), a
                // url-mode host with the scheme's port, service-mode names
                row("10.244.0.0/16,fd00:10:244::/56", "fd00:10:244:0:ff::7", 8080, true),
                row("10.244.0.0/16:8080,[fd00:10:244::/56]:8080", "fd00:10:244::9", 8080, true),
                row("10.244.0.0/16:8080,[fd00:10:244::/56]:8080", "fd00:10:245::9", 8080, false),
                row("[fd00::5]:80", "[fd00::5]", 80, true),
                row("checkout-svc.shop.svc,checkout-svc.shop.svc.cluster.local", "checkout-svc.shop.svc.", 8080, true),
                // * allows anything
                row("*", "anything.example", 1, true),
                row("*", "203.0.113.9", 65535, true));
    }

    private static Arguments row(String rules, String host, int port, boolean allowed) {
        return Arguments.of(rules, host, port, allowed);
    }

    @ParameterizedTest(name = "{0} allows {1}:{2}: {3}")
    @MethodSource("decisions")
    void decidesByNameOrAddressAndPort(String rules, String host, int port, boolean allowed) {
        assertThat(AllowedTargets.parse(rules).permits(host, port)).isEqualTo(allowed);
    }

    @Test
    void decidesTheEnginesRedirectsByTheirURLsHostAndPort() {
        // As the engine asks before following a redirect: the URL's host (IPv6 as the URL writes it) and its port,
        // the scheme's when the URL names none.
        AllowedTargets allowed = AllowedTargets.parse("api.example.com:443,[fd00::/8]:8080");
        assertThat(allowed.permits(TargetAddress.parse("https://API.example.com/v1"))).isTrue();
        assertThat(allowed.permits(TargetAddress.parse("http://api.example.com/v1"))).isFalse();
        assertThat(allowed.permits(TargetAddress.parse("http://[fd00::7]:8080/"))).isTrue();
        assertThat(allowed.permits(TargetAddress.parse("http://[fe80::7]:8080/"))).isFalse();
        assertThat(allowed.permits(TargetAddress.parse("http://169.254.169.254/latest/meta-data"))).isFalse();
    }

    @Test
    void theDefaultIsThisMachineOnly() {
        assertThat(AllowedTargets.LOOPBACK.describe()).isEqualTo("localhost, 127.0.0.0/8, [::1]");
        assertThat(AllowedTargets.LOOPBACK.allowsAny()).isFalse();
        assertThat(AllowedTargets.ANY.allowsAny()).isTrue();
    }

    @Test
    void describesEachEntryAsItWouldBeWritten() {
        assertThat(AllowedTargets.parse(" api.example.com:443 , *.svc.cluster.local,10.0.0.0/8:80,10.1.2.3").describe())
                .isEqualTo("api.example.com:443, *.svc.cluster.local, 10.0.0.0/8:80, 10.1.2.3");
    }

    @Test
    void writesIpv6TheShortWay() {
        assertThat(AllowedTargets.parse("fd00::/8,[2001:db8:0:0:1:0:0:1]:443,::/0,1:0:0:0:0:0:0:0").describe())
                .isEqualTo("fd00::/8, [2001:db8::1:0:0:1]:443, ::/0, [1::]");
    }

    @Test
    void refusesEntriesThatAreNoneOfTheForms() {
        for (String bad : new String[] {"", " ", "a,,b", "host:0", "host:65536", "host:http", "10.0.0.0/33",
            "fd00::/129", "999.1.1.1", "*foo.com", "foo.*.com", "under score.com", "[::1", "[::1]x", "-bad-.com",
            "http://example.com"}) {
            assertThatThrownBy(() -> AllowedTargets.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
