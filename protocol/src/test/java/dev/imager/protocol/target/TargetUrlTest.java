package dev.imager.protocol.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one rule of what a target may be, and how a request's path and query combine with it. */
class TargetUrlTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            // url                                  | scheme | host            | port | base path | query     | text
            "http://127.0.1.7:8080                  | http   | 127.0.1.7       | 8080 | ''        | ''        | http://127.0.1.7:8080",
            "HTTPS://api.example.com/v1/            | https  | api.example.com | 443  | /v1       | ''        | https://api.example.com/v1",
            "https://h:443                          | https  | h               | 443  | ''        | ''        | https://h",
            "http://[::1]:9000/x                    | http   | ::1             | 9000 | /x        | ''        | http://[::1]:9000/x",
            // the query is the target's own, kept verbatim
            "http://h/api?tenant=a&k=%20            | http   | h               | 80   | /api      | tenant=a&k=%20 | http://h/api?tenant=a&k=%20",
            // '?' alone: no query
            "http://h/?                             | http   | h               | 80   | ''        | ''        | http://h",
            // the base path normalised like every joined path
            "http://h//a/./b/../c//                 | http   | h               | 80   | /a/c      | ''        | http://h/a/c",
    })
    void parsesTargets(String url, String scheme, String host, int port, String basePath, String query, String text) {
        TargetUrl t = TargetUrl.parse(url);

        assertThat(t).isEqualTo(new TargetUrl(scheme, host, port, basePath, query));
        assertThat(t.text()).isEqualTo(text);
        assertThat(TargetUrl.problem(url)).isEmpty();
        assertThat(TargetUrl.parse(t.text())).as("the normal form parses to itself").isEqualTo(t);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // what is refused     | why
            "localhost:8080        | must be an absolute http:// or https:// URL with a host, e.g. http://localhost:8080",
            "/api                  | must be an absolute http:// or https:// URL with a host",
            "ftp://h/              | must be an absolute http:// or https:// URL with a host",
            "http:///x             | must be an absolute http:// or https:// URL with a host",
            "http:/x               | must be an absolute http:// or https:// URL with a host",
            "http://exa mple.com   | must be an absolute http:// or https:// URL with a host, e.g. http://localhost:8080 (Illegal character in authority)",
            "http://h/x#frag       | must not contain a #fragment",
            "http://u:p@h/         | must not contain user info (user:password@); send credentials in a request header",
            "http://h:0/           | must have a port in 1..65535",
            "http://bad_host:8080/ | has no valid host name in \"bad_host:8080\" (letters, digits, '-' and '.'; an IPv6 address in brackets)",
    })
    void refusesWhatCannotBeATarget(String url, String why) {
        assertThat(TargetUrl.problem(url)).hasValueSatisfying(p -> assertThat(p).startsWith(why)
                .endsWith(", got \"" + url + "\""));
        assertThatThrownBy(() -> TargetUrl.parse(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target " + TargetUrl.problem(url).orElseThrow());
    }

    @ParameterizedTest(name = "''{0}'' + ''{1}'' -> ''{2}''")
    @CsvSource({
            // base path, request path -> joined
            "'', /sum, /sum",
            "/api, /sum, /api/sum",
            "/api, sum, /api/sum",
            "/api, '', /api/",
            "'', '', /",
            // every run of slashes becomes one (the original's "//" -> "/")
            "/api, //sum//x, /api/sum/x",
            "'', //, /",
            // dot segments removed (RFC 3986 5.2.4)
            "/api, /./sum, /api/sum",
            "/api/v1, /../v2/sum, /api/v2/sum",
            "/api, /../../../x, /x",
            "/api, /a/b/.., /api/a/",
            "/api, /a/., /api/a/",
            // trailing slash kept; dots within names are names
            "/api, /a/, /api/a/",
            "/api, /.well-known/x, /api/.well-known/x",
            "/api, /a..b/c, /api/a..b/c",
    })
    void joinsPaths(String basePath, String requestPath, String joined) {
        assertThat(TargetUrl.joinPath(basePath, requestPath)).isEqualTo(joined);
    }

    @ParameterizedTest(name = "''{0}'' + ''{1}'' -> ''{2}''")
    @CsvSource({
            // target query, request query -> sent
            "'', '', ''",
            "tenant=a, '', tenant=a",
            "'', a=1&b=2, a=1&b=2",
            "tenant=a, a=1&b=2, tenant=a&a=1&b=2",
    })
    void targetQueryFirstThenTheRequests(String baseQuery, String requestQuery, String sent) {
        assertThat(TargetUrl.joinQuery(baseQuery, requestQuery)).isEqualTo(sent);
    }
}
