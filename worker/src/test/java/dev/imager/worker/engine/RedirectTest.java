package dev.imager.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imager.protocol.message.RequestSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Go's http.Client redirect rules, row by row. */
class RedirectTest {

    private static final TargetAddress BASE = TargetAddress.parse("http://api.example:8080/v1");

    static Stream<Arguments> locations() {
        return Stream.of(
                // location, from path?query -> next URL
                Arguments.of("/other", "/a/b?x=1", "http://api.example:8080/other"),
                Arguments.of("c", "/a/b?x=1", "http://api.example:8080/v1/a/c"),
                Arguments.of("../c?y=2", "/a/b", "http://api.example:8080/v1/c?y=2"),
                Arguments.of("?y=2", "/a/b?x=1", "http://api.example:8080/v1/a/b?y=2"),     // RFC 3986, not 2396
                Arguments.of("#frag", "/a/b?x=1", "http://api.example:8080/v1/a/b?x=1"),    // fragment dropped
                Arguments.of("//cdn.example/s.js", "/", "http://cdn.example/s.js"),         // network-path reference
                Arguments.of("https://secure.example/login", "/", "https://secure.example/login"),
                Arguments.of("http://[::1]:9000/x", "/", "http://[::1]:9000/x"),
                Arguments.of("/with space/é", "/", "http://api.example:8080/with%20space/%C3%A9"), // as Go sends it
                Arguments.of("/a/./b/../c", "/", "http://api.example:8080/a/c"));
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("locations")
    void resolvesTheLocationAgainstTheUrlJustRequested(String location, String from, String next) {
        String[] pathQuery = from.split("\\?", 2);
        RequestSpec spec = RequestSpec.get(pathQuery[0], pathQuery.length > 1 ? pathQuery[1] : "");
        Redirect r = Redirect.of(BASE, spec, 302, location);
        String query = r.spec().queryString().isEmpty() ? "" : "?" + r.spec().queryString();
        assertThat(r.target().authority() + r.target().requestUri(r.spec().path(), r.spec().queryString()))
                .isEqualTo(next.contains("?") || query.isEmpty() ? next : next + query);
    }

    static Stream<Arguments> methods() {
        return Stream.of(
                // status, method -> next method, body kept
                Arguments.of(301, "POST", "GET", false),
                Arguments.of(302, "PUT", "GET", false),
                Arguments.of(303, "POST", "GET", false),
                Arguments.of(303, "HEAD", "HEAD", false),
                Arguments.of(302, "GET", "GET", false),
                Arguments.of(307, "POST", "POST", true),
                Arguments.of(308, "PUT", "PUT", true));
    }

    @ParameterizedTest(name = "{0} after {1}")
    @MethodSource("methods")
    void changesTheMethodAndBodyAsGoDoes(int status, String method, String nextMethod, boolean bodyKept) {
        RequestSpec spec = new RequestSpec(method, "/orders", "", Map.of("Content-Type", List.of("application/json")),
                "{\"qty\":1}");
        RequestSpec next = Redirect.of(BASE, spec, status, "/elsewhere").spec();
        assertThat(next.method()).isEqualTo(nextMethod);
        assertThat(next.body()).isEqualTo(bodyKept ? "{\"qty\":1}" : "");
        assertThat(next.headers()).containsEntry("Content-Type", List.of("application/json"));
    }

    @Test
    void followsOnlyTheStatusesGoFollows() {
        assertThat(List.of(300, 301, 302, 303, 304, 305, 306, 307, 308, 309).stream().filter(Redirect::followable))
                .containsExactly(301, 302, 303, 307, 308);
    }

    @Test
    void keepsCredentialsOnlyOnTheSameDomainOrASubdomain() {
        RequestSpec spec = new RequestSpec("GET", "/", "", Map.of("Authorization", List.of("Bearer t"),
                "Cookie", List.of("s=1"), "X-Trace", List.of("7")), "");
        assertThat(Redirect.of(BASE, spec, 302, "http://api.example:9090/x").spec().headers())
                .containsKeys("Authorization", "Cookie", "X-Trace");             // same host, other port
        assertThat(Redirect.of(BASE, spec, 302, "http://eu.api.example/x").spec().headers())
                .containsKeys("Authorization", "Cookie", "X-Trace");             // subdomain
        assertThat(Redirect.of(BASE, spec, 302, "http://evil.example/x").spec().headers())
                .doesNotContainKeys("Authorization", "Cookie").containsKey("X-Trace");
    }

    @Test
    void keepsAHostOverrideOnlyForARelativeLocationAndSetsTheReferer() {
        RequestSpec spec = new RequestSpec("GET", "/a", "", Map.of("Host", List.of("vhost.example")), "");
        assertThat(Redirect.of(BASE, spec, 302, "/b").spec().headers())
                .containsEntry("Host", List.of("vhost.example"))
                .containsEntry("Referer", List.of("http://api.example:8080/v1/a"));
        assertThat(Redirect.of(BASE, spec, 302, "http://other.example/b").spec().headers()).doesNotContainKey("Host");
        TargetAddress secure = TargetAddress.parse("https://api.example");
        assertThat(Redirect.of(secure, RequestSpec.get("/", ""), 302, "http://api.example/").spec().headers())
                .doesNotContainKey("Referer");                                   // never from https to http
    }

    @Test
    void refusesLocationsThatAreNotHttpUrls() {
        RequestSpec spec = RequestSpec.get("/", "");
        assertThatThrownBy(() -> Redirect.of(BASE, spec, 302, "ftp://files.example/x")).hasMessageContaining("http(s)");
        assertThatThrownBy(() -> Redirect.of(BASE, spec, 302, "http://")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Redirect.of(BASE, spec, 302, "http://[zz/")).isInstanceOf(IllegalArgumentException.class);
    }
}
