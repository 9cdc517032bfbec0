package dev.imager.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TargetAddressTest {

    @Test
    void parsesBaseUrls() {
        // url -> scheme, host, port, base path
        assertThat(TargetAddress.parse("http://127.0.1.7:8080")).isEqualTo(new TargetAddress("http", "127.0.1.7", 8080, ""));
        assertThat(TargetAddress.parse("https://api.example.com/v1/")).isEqualTo(new TargetAddress("https", "api.example.com", 443, "/v1"));
        assertThat(TargetAddress.parse("HTTP://h")).isEqualTo(new TargetAddress("http", "h", 80, ""));
        assertThat(TargetAddress.parse("http://[::1]:9000").hostHeader()).isEqualTo("[::1]:9000");
        assertThat(TargetAddress.parse("https://h:443").hostHeader()).isEqualTo("h");
    }

    @Test
    void rejectsWhatIsNotAnAbsoluteHttpBaseUrl() {
        for (String bad : new String[] {"localhost:8080", "ftp://h/", "http:///x", "http://h/#f", "http://u:p@h/", "not a url"}) {
            assertThatThrownBy(() -> TargetAddress.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad);
        }
    }

    @Test
    void joinsPathsToTheBasePathAndKeepsTheRequestLineSafe() {
        TargetAddress t = TargetAddress.parse("http://h:1/api");
        // path, query -> request-target
        assertThat(t.requestUri("/sum", "a=1&b=2")).isEqualTo("/api/sum?a=1&b=2");   // joined, query verbatim
        assertThat(t.requestUri("sum", "")).isEqualTo("/api/sum");                    // relative path made absolute
        assertThat(t.requestUri("/a b", "x=%41")).isEqualTo("/api/a%20b?x=%41");       // path encoded, query escapes kept
        assertThat(t.requestUri("/", "q=a b\r\nX-Injected: 1"))
                .isEqualTo("/api/?q=a%20b%0D%0AX-Injected:%201");                      // no header injection
        assertThat(t.requestUri("/caf\u00e9", "n=\u00e9")).isEqualTo("/api/caf%C3%A9?n=%C3%A9");
        // '#' cannot stand in a request-target (it would end the query as a fragment): encoded like a space
        assertThat(t.requestUri("/", "tag=#1&b=2")).isEqualTo("/api/?tag=%231&b=2");
        assertThat(TargetAddress.parse("http://h").requestUri("/", "")).isEqualTo("/");
    }

    @Test
    void aTargetsQueryComesBeforeEachRequestsOwn() {
        // The coordinator accepts -target-url with a query: so must the worker, and send it.
        TargetAddress t = TargetAddress.parse("http://h:1/api?tenant=a");
        assertThat(t).isEqualTo(new TargetAddress("http", "h", 1, "/api", "tenant=a"));
        // path, query -> request-target
        assertThat(t.requestUri("/sum", "a=1&b=2")).isEqualTo("/api/sum?tenant=a&a=1&b=2");
        assertThat(t.requestUri("/sum", "")).isEqualTo("/api/sum?tenant=a");
        assertThat(t.requestUri("", "")).isEqualTo("/api/?tenant=a");
        assertThat(TargetAddress.parse("http://h/?").requestUri("/x", "y=1")).isEqualTo("/x?y=1"); // empty query
    }

    @Test
    void joinedPathsLoseDoubleSlashesAndDotSegmentsAsTheOriginalsDid() {
        TargetAddress t = TargetAddress.parse("http://h/api/v1");
        assertThat(t.requestUri("//sum", "")).isEqualTo("/api/v1/sum");
        assertThat(t.requestUri("/./sum", "")).isEqualTo("/api/v1/sum");
        assertThat(t.requestUri("/../v2/sum", "")).isEqualTo("/api/v2/sum");
        assertThat(t.requestUri("/a%2F..%2Fb", "")).as("encoded slashes are not segments").isEqualTo("/api/v1/a%2F..%2Fb");
    }
}
