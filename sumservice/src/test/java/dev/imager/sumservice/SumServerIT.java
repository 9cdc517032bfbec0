package dev.imager.sumservice;

import static dev.imager.sumservice.MetricsSamples.delta;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The endpoints and the HTTP/1.x handling of a real server on 127.0.0.1, without the capacity simulation. */
@Timeout(60)
class SumServerIT {

    private static SumServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() throws IOException {
        server = SumServer.start(SumServiceConfig.defaults().withHost("127.0.0.1").withPort(0));
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(String method, String target) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + target))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> get(String target) throws Exception {
        return send("GET", target);
    }

    @Test
    void sumAnswersJson() throws Exception {
        HttpResponse<String> response = get("/sum?a=7&b=9");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.headers().firstValue("content-length")).hasValue("23");
        assertThat(response.body()).isEqualTo("{\"a\":7,\"b\":9,\"sum\":16}\n");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /sum?a=-7&b=-9                          | {"a":-7,"b":-9,"sum":-16}
            /sum?a=-5&b=12                          | {"a":-5,"b":12,"sum":7}
            /sum?a=1&a=100&b=2&b=200                | {"a":1,"b":2,"sum":3}
            /sum?b=2&a=1                            | {"a":1,"b":2,"sum":3}
            /sum?a=%2B3&b=4                         | {"a":3,"b":4,"sum":7}
            /sum?a=9223372036854775806&b=1          | {"a":9223372036854775806,"b":1,"sum":9223372036854775807}
            """)
    void sumsVariants(String target, String json) throws Exception {
        HttpResponse<String> response = get(target);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(json + "\n");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /sum                                    | missing query parameter "a"
            /sum?b=1                                | missing query parameter "a"
            /sum?a=1                                | missing query parameter "b"
            /sum?a=&b=                              | missing query parameter "a"
            /sum?a=1&b=                             | missing query parameter "b"
            /sum?a=one&b=2                          | invalid integer value for "a": one
            /sum?a=1&b=2.0                          | invalid integer value for "b": 2.0
            /sum?a=%201&b=2                         | invalid integer value for "a":  1
            /sum?a=9223372036854775808&b=1          | integer value for "a" is out of range: 9223372036854775808
            /sum?a=1&b=-9223372036854775809         | integer value for "b" is out of range: -9223372036854775809
            /sum?a=9223372036854775807&b=1          | sum of "a" and "b" overflows a 64-bit integer: 9223372036854775807 + 1
            """)
    void sumRefusesBadInput(String target, String message) throws Exception {
        HttpResponse<String> response = get(target);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
        assertThat(response.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(response.body()).isEqualTo(message + "\n");
    }

    @ParameterizedTest
    @CsvSource({"GET,/", "GET,/sum/", "GET,/SUM", "GET,/healthz/x", "GET,/nope?a=1&b=2", "POST,/elsewhere"})
    void unknownPathsAre404(String method, String target) throws Exception {
        HttpResponse<String> response = send(method, target);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
        assertThat(response.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(response.body()).isEqualTo("404 page not found\n");
    }

    @ParameterizedTest
    @CsvSource({"POST,/sum?a=1&b=2", "PUT,/healthz", "DELETE,/metrics", "PATCH,/sum"})
    void otherMethodsOnKnownPathsAre405WithAllow(String method, String target) throws Exception {
        HttpResponse<String> response = send(method, target);
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).hasValue("GET, HEAD");
        assertThat(response.body()).isEqualTo("405 method not allowed\n");
    }

    @Test
    void healthzIsOkWithoutNewline() throws Exception {
        HttpResponse<String> response = get("/healthz");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
    }

    @Test
    void metricsReflectTheRequestsMade() throws Exception {
        String before = get("/metrics").body();
        for (int i = 0; i < 3; i++) {
            assertThat(get("/sum?a=" + i + "&b=1").statusCode()).isEqualTo(200);
        }
        assertThat(get("/sum?a=x&b=1").statusCode()).isEqualTo(400);
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        assertThat(get("/no-such-page").statusCode()).isEqualTo(404);

        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValue("text/plain; version=0.0.4; charset=utf-8");
        String after = response.body();
        assertThat(delta(before, after, "sumservice_requests_total{path=\"/sum\",status=\"200\"}")).isEqualTo(3);
        assertThat(delta(before, after, "sumservice_requests_total{path=\"/sum\",status=\"400\"}")).isEqualTo(1);
        assertThat(delta(before, after, "sumservice_requests_total{path=\"/healthz\",status=\"200\"}")).isEqualTo(1);
        assertThat(delta(before, after, "sumservice_requests_total{path=\"other\",status=\"404\"}")).isEqualTo(1);
        // The first /metrics was answered before the second was rendered.
        assertThat(delta(before, after, "sumservice_requests_total{path=\"/metrics\",status=\"200\"}")).isEqualTo(1);
        assertThat(delta(before, after, "sumservice_request_duration_seconds_count{path=\"/sum\"}")).isEqualTo(4);
        assertThat(after).contains("# TYPE sumservice_requests_total counter",
                "# TYPE sumservice_request_duration_seconds histogram",
                "sumservice_inflight 0", "sumservice_queue_depth 0", "sumservice_simulated_capacity_rps 0");
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() throws IOException {
        try (RawHttpConnection conn = new RawHttpConnection(server.port())) {
            for (int i = 0; i < 5; i++) {
                RawHttpConnection.Response response = conn.get("/sum?a=" + i + "&b=10").read();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.version()).isEqualTo("HTTP/1.1");
                assertThat(response.header("connection")).isNull();
                assertThat(response.body()).isEqualTo("{\"a\":" + i + ",\"b\":10,\"sum\":" + (i + 10) + "}\n");
            }
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws IOException {
        try (RawHttpConnection conn = new RawHttpConnection(server.port())) {
            conn.send("GET /sum?a=1&b=1 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /sum?a=2&b=2 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(conn.read().body()).isEqualTo("{\"a\":1,\"b\":1,\"sum\":2}\n");
            assertThat(conn.read().body()).isEqualTo("ok");
            assertThat(conn.read().status()).isEqualTo(404);
            assertThat(conn.read().body()).isEqualTo("{\"a\":2,\"b\":2,\"sum\":4}\n");
        }
    }

    @Test
    void headSendsHeadersWithoutBody() throws Exception {
        try (RawHttpConnection conn = new RawHttpConnection(server.port())) {
            RawHttpConnection.Response head = conn.request("HEAD", "/sum?a=1&b=2").readHead();
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-type")).isEqualTo("application/json");
            assertThat(head.header("content-length")).isEqualTo("22");
            // Had the server sent a body, this read would parse it as a status line and fail.
            RawHttpConnection.Response next = conn.get("/healthz").read();
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.body()).isEqualTo("ok");
        }
        assertThat(send("HEAD", "/healthz").statusCode()).isEqualTo(200);
        assertThat(send("HEAD", "/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void connectionCloseIsHonoured() throws IOException {
        try (RawHttpConnection conn = new RawHttpConnection(server.port())) {
            RawHttpConnection.Response response = conn.get("/healthz", "Connection: close").read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("connection")).isEqualTo("close");
            assertThat(conn.closedByServer()).isTrue();
        }
    }

    @Test
    void http10ClosesUnlessKeepAliveIsAsked() throws IOException {
        try (RawHttpConnection conn = new RawHttpConnection(server.port())) {
            RawHttpConnection.Response response = conn.send("GET /sum?a=2&b=3 HTTP/1.0\r\n\r\n").read();
            assertThat(response.version()).isEqualTo("HTTP/1.0");
            assertThat(response.body()).isEqualTo("{\"a\":2,\"b\":3,\"sum\":5}\n");
            assertThat(conn.closedByServer()).isTrue();
        }
        try (RawHttpConnection conn = new RawHttpConnection(server.port())) {
            for (int i = 0; i < 2; i++) {
                RawHttpConnection.Response response =
                        conn.send("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
                assertThat(response.version()).isEqualTo("HTTP/1.0");
                assertThat(response.header("connection")).isEqualToIgnoringCase("keep-alive");
                assertThat(response.body()).isEqualTo("ok");
            }
        }
    }

    @Test
    void absoluteFormTargetsAreAccepted() throws IOException {
        try (RawHttpConnection conn = new RawHttpConnection(server.port())) {
            RawHttpConnection.Response response = conn.get("http://127.0.0.1/sum?a=4&b=5").read();
            assertThat(response.body()).isEqualTo("{\"a\":4,\"b\":5,\"sum\":9}\n");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not HTTP at all               | 400 | hello there\\r\\n\\r\\n
            bad version token             | 400 | GET /sum?a=1&b=2 XTTP/1.1\\r\\n\\r\\n
            conflicting lengths           | 400 | POST /sum HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 1\\r\\nContent-Length: 2\\r\\n\\r\\nab
            bad percent-escape            | 400 | GET /sum?a=%zz HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n
            unknown major version         | 505 | GET /sum?a=1&b=2 HTTP/9.9\\r\\n\\r\\n
            """)
    void malformedRequestsAreRefusedAndClosed(String what, int status, String raw) throws IOException {
        try (RawHttpConnection conn = new RawHttpConnection(server.port())) {
            RawHttpConnection.Response response = conn.send(raw.translateEscapes()).read();
            assertThat(response.status()).isEqualTo(status);
            assertThat(response.header("content-type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(conn.closedByServer()).isTrue();
        }
    }

    @Test
    void aBadTargetOnAKeptAliveConnectionIsJustA400() throws IOException {
        try (RawHttpConnection conn = new RawHttpConnection(server.port())) {
            assertThat(conn.get("/sum?a=%zz").read().status()).isEqualTo(400);
            assertThat(conn.get("/healthz").read().body()).isEqualTo("ok");
        }
    }

    @Test
    void aMinorVersionAboveOneIsAnsweredAsHttp11() throws IOException {
        try (RawHttpConnection conn = new RawHttpConnection(server.port())) {
            RawHttpConnection.Response response = conn.send("GET /healthz HTTP/1.2\r\nHost: x\r\n\r\n").read();
            assertThat(response.version()).isEqualTo("HTTP/1.1");
            assertThat(response.body()).isEqualTo("ok");
        }
    }

    @Test
    void oversizedRequestsAreRefusedAndClosed() throws IOException {
        int limit = BoundedRequestAggregator.MAX_CONTENT_BYTES;
        try (RawHttpConnection conn = new RawHttpConnection(server.port())) {
            conn.send("POST /sum HTTP/1.1\r\nHost: x\r\nContent-Length: " + (limit + 1) + "\r\n\r\n");
            conn.send(new byte[limit + 1]);
            RawHttpConnection.Response response = conn.read();
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("connection")).isEqualTo("close");
            assertThat(conn.closedByServer()).isTrue();
        }
        try (RawHttpConnection conn = new RawHttpConnection(server.port())) {
            conn.send("GET /sum?a=" + "1".repeat(SumServer.MAX_REQUEST_LINE_BYTES) + " HTTP/1.1\r\n\r\n");
            assertThat(conn.read().status()).isEqualTo(414);
            assertThat(conn.closedByServer()).isTrue();
        }
        try (RawHttpConnection conn = new RawHttpConnection(server.port())) {
            conn.send("GET /healthz HTTP/1.1\r\nX-Big: " + "x".repeat(SumServer.MAX_HEADER_BYTES) + "\r\n\r\n");
            assertThat(conn.read().status()).isEqualTo(431);
            assertThat(conn.closedByServer()).isTrue();
        }
        // A body within the limit is read and ignored; the method still decides.
        try (RawHttpConnection conn = new RawHttpConnection(server.port())) {
            conn.send("POST /sum HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
            assertThat(conn.read().status()).isEqualTo(405);
            assertThat(conn.get("/healthz").read().status()).isEqualTo(200);
        }
    }

    @Test
    void reportsTheBoundPortAndTransport() {
        assertThat(server.port()).isPositive();
        assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
        assertThat(server.transport()).isIn("epoll", "nio");
        assertThat(SumServiceMain.startupLine(server))
                .isEqualTo("sumservice listening on 127.0.0.1:" + server.port() + " (" + server.transport()
                        + "); capacity simulation off");
    }
}
