package dev.imager.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imager.protocol.latency.LatencySnapshot;
import dev.imager.protocol.message.Heartbeat;
import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.message.Message;
import dev.imager.protocol.message.MessageType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessageCodecTest {

    private final MessageCodec codec = new MessageCodec();
    private final ObjectMapper json = new ObjectMapper();

    static Stream<Message> samples() {
        return SampleMessages.all().stream();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void roundTripsEveryMessageType(Message message) throws Exception {
        byte[] encoded = codec.encode(message);
        assertThat(codec.decode(encoded)).isEqualTo(message);
        JsonNode tree = json.readTree(encoded);
        assertThat(tree.get("type").asText()).isEqualTo(MessageType.of(message).wireName());
        assertThat(tree.get("v").asInt()).isEqualTo(MessageCodec.PROTOCOL_VERSION);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void matchesItsGoldenFile(Message message) throws Exception {
        String name = MessageType.of(message).wireName();
        byte[] golden = golden(name);
        // Golden -> message: what a peer wrote decodes to the same message.
        assertThat(codec.decode(golden)).isEqualTo(message);
        // Message -> golden: field names and values are stable (histograms compared by content).
        assertThat(normalized(json.readTree(codec.encode(message)))).isEqualTo(normalized(json.readTree(golden)));
    }

    @Test
    void ignoresUnknownFieldsSoNewerPeersStillDecode() throws Exception {
        ObjectNode tree = (ObjectNode) json.readTree(codec.encode(SampleMessages.heartbeat()));
        tree.put("addedInAFutureVersion", "whatever");
        tree.putObject("nested").put("x", 1);
        assertThat(codec.decode(json.writeValueAsBytes(tree))).isEqualTo(SampleMessages.heartbeat());
    }

    @Test
    void aHeartbeatWithoutModelsIsFromAnOpenOnlyWorker() throws Exception {
        ObjectNode tree = (ObjectNode) json.readTree(codec.encode(SampleMessages.heartbeat()));
        tree.remove("models");
        Heartbeat old = codec.decode(json.writeValueAsBytes(tree), Heartbeat.class);
        assertThat(old.models()).containsExactly(Heartbeat.OPEN_MODEL);
        assertThat(old.runs(Heartbeat.CLOSED_MODEL)).isFalse();
        assertThat(SampleMessages.heartbeat().runs(Heartbeat.CLOSED_MODEL)).isTrue();
    }

    @Test
    void refusesUsersJobsBeyondTheirBounds() throws Exception {
        String good = new String(codec.encode(SampleMessages.usersJob()), StandardCharsets.UTF_8);
        for (String[] bad : new String[][] {
                {"\"users\":25", "\"users\":10001", "users must be within 1..10000"},
                {"\"users\":25", "\"users\":0", "users must be within 1..10000"},
                {"\"thinkTimeMicros\":100000", "\"thinkTimeMicros\":-1", "thinkTimeMicros"},
                {"\"spanMicros\":1000000", "\"spanMicros\":600000001", "spanMicros"},
                {"\"timeoutMillis\":2000", "\"timeoutMillis\":300001", "timeoutMillis"}}) {
            assertThat(good).contains(bad[0]);
            assertThatThrownBy(() -> codec.decode(utf8(good.replace(bad[0], bad[1]))))
                    .isInstanceOf(MessageDecodeException.class).hasMessageContaining(bad[2]);
        }
    }

    @Test
    void decodesToTheExpectedTypeOnly() throws Exception {
        byte[] heartbeat = codec.encode(SampleMessages.heartbeat());
        assertThat(codec.decode(heartbeat, Heartbeat.class)).isEqualTo(SampleMessages.heartbeat());
        assertThatThrownBy(() -> codec.decode(heartbeat, Job.class))
                .isInstanceOf(MessageDecodeException.class)
                .hasMessageContaining("expected a Job message, got 'heartbeat'");
    }

    static Stream<Arguments> invalidMessages() throws Exception {
        MessageCodec c = new MessageCodec();
        String job = new String(c.encode(SampleMessages.job()), StandardCharsets.UTF_8);
        String result = new String(c.encode(SampleMessages.jobResult()), StandardCharsets.UTF_8);
        String beat = new String(c.encode(SampleMessages.heartbeat()), StandardCharsets.UTF_8);
        byte[] random = new byte[256];
        new Random(42).nextBytes(random);
        return Stream.of(
                Arguments.of("random bytes", random, "not valid JSON"),
                Arguments.of("empty", new byte[0], "empty message"),
                Arguments.of("truncated JSON", utf8(job.substring(0, job.length() / 2)), "not valid JSON"),
                Arguments.of("trailing garbage", utf8(beat + " {}"), "not valid JSON"),
                Arguments.of("a JSON array", utf8("[" + beat + "]"), "must be a JSON object"),
                Arguments.of("duplicate key", utf8(beat.replace("\"inFlight\":17", "\"inFlight\":17,\"inFlight\":3")),
                        "not valid JSON"),
                Arguments.of("no version", utf8(beat.replace("\"v\":1,", "")), "'v'"),
                Arguments.of("newer version", utf8(beat.replace("\"v\":1", "\"v\":99")), "newer than the supported"),
                Arguments.of("version zero", utf8(beat.replace("\"v\":1", "\"v\":0")), "not valid"),
                Arguments.of("no type", utf8(beat.replace("\"type\":\"heartbeat\",", "")), "'type'"),
                Arguments.of("unknown type", utf8(beat.replace("\"type\":\"heartbeat\"", "\"type\":\"gossip\"")),
                        "unknown message type 'gossip'"),
                Arguments.of("string for a number", utf8(beat.replace("\"inFlight\":17", "\"inFlight\":\"17\"")),
                        "invalid 'heartbeat' message"),
                Arguments.of("float for an integer", utf8(beat.replace("\"inFlight\":17", "\"inFlight\":17.5")),
                        "invalid 'heartbeat' message"),
                Arguments.of("number for a string", utf8(beat.replace("\"host\":\"pod-a\"", "\"host\":7")),
                        "invalid 'heartbeat' message"),
                Arguments.of("unknown enum value", utf8(beat.replace("\"BUSY\"", "\"SLEEPY\"")),
                        "invalid 'heartbeat' message"),
                Arguments.of("missing required field", utf8(beat.replace("\"inFlight\":17,", "")), "inFlight"),
                Arguments.of("negative count", utf8(result.replace("\"http4xx\":2", "\"http4xx\":-2")),
                        "http4xx must be >= 0"),
                Arguments.of("histogram that does not decode",
                        utf8(result.replaceFirst("\"latency\":\"[^\"]+\"", "\"latency\":\"bm90IGEgaGlzdG9ncmFt\"")),
                        "latency histogram does not decode"),
                Arguments.of("histogram that is not base64",
                        utf8(result.replaceFirst("\"latency\":\"[^\"]+\"", "\"latency\":\"%%%\"")), "not base64"),
                Arguments.of("offsets and requests differ in length",
                        utf8(job.replace("[0,250000,500000,750000]", "[0,250000,500000]")), "must match"),
                Arguments.of("decreasing offsets",
                        utf8(job.replace("[0,250000,500000,750000]", "[0,500000,250000,750000]")),
                        "non-decreasing"),
                Arguments.of("status code out of range", utf8(result.replace("\"404\":2", "\"42\":2")),
                        "not an HTTP status code"),
                Arguments.of("unknown protocol", utf8(result.replace("\"HTTP/2\":", "\"SPDY/3\":")),
                        "protocols key SPDY/3"),
                Arguments.of("protocol status code out of range", utf8(result.replace("\"HTTP/2\":{\"200\"",
                        "\"HTTP/2\":{\"1000\"")), "not an HTTP status code"),
                Arguments.of("unknown HTTP version", utf8(job.replace("\"httpVersion\":\"auto\"",
                        "\"httpVersion\":\"3\"")), "httpVersion '3'"),
                Arguments.of("too many redirects", utf8(job.replace("\"maxRedirects\":10", "\"maxRedirects\":51")),
                        "maxRedirects must be 0..50"),
                Arguments.of("negative redirects", utf8(job.replace("\"maxRedirects\":10", "\"maxRedirects\":-1")),
                        "maxRedirects must be 0..50"),
                Arguments.of("null required string", utf8(beat.replace("\"workerId\":\"worker-a\"", "\"workerId\":null")),
                        "workerId"),
                // What a decoded message may make a process hold is bounded, field by field.
                Arguments.of("an id longer than any imager writes",
                        utf8(beat.replace("\"workerId\":\"worker-a\"", "\"workerId\":\"" + "w".repeat(129) + "\"")),
                        "at most 128"),
                Arguments.of("a request timeout beyond the maximum",
                        utf8(job.replaceFirst("\"timeoutMillis\":\\d+", "\"timeoutMillis\":" + (Job.MAX_TIMEOUT_MILLIS + 1))),
                        "timeoutMillis must be within"),
                Arguments.of("a job spanning more than the maximum",
                        utf8(job.replace("[0,250000,500000,750000]", "[0,250000,500000," + (Job.MAX_SPAN_MICROS + 1) + "]")),
                        "spans"),
                Arguments.of("too many headers", utf8(job.replace("\"headers\":{", "\"headers\":{" + manyHeaders())),
                        "at most 100"));
    }

    /** 101 distinct header names, as JSON members followed by a comma. */
    private static String manyHeaders() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i <= 100; i++) {
            sb.append("\"X-H").append(i).append("\":[\"v\"],");
        }
        return sb.toString();
    }

    /**
     * A job-result's statistics sit at its top level (one {@code RequestStats} value in the record): each of
     * their fields is as strictly required and typed as the message's own.
     */
    static Stream<Arguments> invalidJobResultStats() throws Exception {
        String result = new String(new MessageCodec().encode(SampleMessages.jobResult()), StandardCharsets.UTF_8);
        String latency = "\"latency\":\"[^\"]+\"";
        return Stream.of(
                Arguments.of("no outcomes", utf8(result.replaceFirst("\"outcomes\":\\{[^}]+},", "")), "outcomes"),
                Arguments.of("no statusCodes", utf8(result.replaceFirst("\"statusCodes\":\\{[^}]+},", "")),
                        "statusCodes"),
                Arguments.of("no bytesReceived", utf8(result.replace("\"bytesReceived\":12345,", "")), "bytesReceived"),
                Arguments.of("no latency", utf8(result.replaceFirst(latency + ",", "")), "latency"),
                Arguments.of("no serviceTime", utf8(result.replaceFirst("\"serviceTime\":\"[^\"]+\",", "")),
                        "serviceTime"),
                Arguments.of("no sendLag", utf8(result.replaceFirst("\"sendLag\":\"[^\"]+\",", "")), "sendLag"),
                Arguments.of("no ok count", utf8(result.replace("\"ok\":95,", "")), "ok"),
                Arguments.of("null latency", utf8(result.replaceFirst(latency, "\"latency\":null")), "latency"),
                Arguments.of("string for bytesReceived",
                        utf8(result.replace("\"bytesReceived\":12345", "\"bytesReceived\":\"12345\"")),
                        "invalid 'job-result' message"),
                Arguments.of("float for bytesReceived",
                        utf8(result.replace("\"bytesReceived\":12345", "\"bytesReceived\":12345.5")),
                        "invalid 'job-result' message"),
                Arguments.of("negative bytesReceived",
                        utf8(result.replace("\"bytesReceived\":12345", "\"bytesReceived\":-1")),
                        "bytesReceived must be >= 0"),
                Arguments.of("string for a status count", utf8(result.replace("\"404\":2", "\"404\":\"2\"")),
                        "invalid 'job-result' message"),
                Arguments.of("number for a histogram", utf8(result.replaceFirst(latency, "\"latency\":7")),
                        "invalid 'job-result' message"),
                Arguments.of("duplicate stats key",
                        utf8(result.replace("\"bytesReceived\":12345", "\"bytesReceived\":12345,\"bytesReceived\":1")),
                        "not valid JSON"));
    }

    @Test
    void aJobResultWritesItsStatsFieldsAtTheTopLevelInTheGoldenOrder() throws Exception {
        JsonNode golden = json.readTree(golden("job-result"));
        JsonNode encoded = json.readTree(codec.encode(SampleMessages.jobResult()));
        java.util.List<String> goldenOrder = new java.util.ArrayList<>();
        golden.fieldNames().forEachRemaining(goldenOrder::add);
        java.util.List<String> encodedOrder = new java.util.ArrayList<>();
        encoded.fieldNames().forEachRemaining(encodedOrder::add);
        assertThat(encodedOrder).containsExactlyElementsOf(goldenOrder).doesNotContain("stats");
    }

    @Test
    void aStatsFieldFromAPeerIsAnUnknownFieldAndIgnored() throws Exception {
        ObjectNode tree = (ObjectNode) json.readTree(codec.encode(SampleMessages.jobResult()));
        tree.putObject("stats").put("bytesReceived", 1);
        assertThat(codec.decode(json.writeValueAsBytes(tree))).isEqualTo(SampleMessages.jobResult());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"invalidMessages", "invalidJobResultStats"})
    void rejectsInvalidInputWithOneTypedException(String what, byte[] data, String expectedMessage) {
        assertThatThrownBy(() -> codec.decode(data))
                .as(what)
                .isExactlyInstanceOf(MessageDecodeException.class)
                .hasMessageContaining(expectedMessage);
    }

    @Test
    void flagsNewerVersionsSoWorkersCanReportThem() {
        byte[] data = utf8(new String(codec.encode(SampleMessages.job()), StandardCharsets.UTF_8)
                .replace("\"v\":1", "\"v\":2"));
        assertThatThrownBy(() -> codec.decode(data))
                .isInstanceOfSatisfying(MessageDecodeException.class, e -> assertThat(e.isNewerVersion()).isTrue());
    }

    @Test
    void aJobFromACoordinatorBeforeTheClientFieldsRunsAsItsWorkersDid() throws Exception {
        String job = new String(codec.encode(SampleMessages.job()), StandardCharsets.UTF_8)
                .replace(",\"httpVersion\":\"auto\",\"maxRedirects\":10", "");
        Job decoded = codec.decode(utf8(job), Job.class);
        assertThat(decoded.httpVersion()).isEqualTo(dev.imager.protocol.message.HttpVersionChoice.HTTP_1_1);
        assertThat(decoded.maxRedirects()).isZero();
    }

    @Test
    void aResultFromAWorkerBeforeTheProtocolBreakdownDecodesWithoutIt() throws Exception {
        ObjectNode tree = (ObjectNode) json.readTree(codec.encode(SampleMessages.jobResult()));
        tree.remove("protocols");
        JobResult decoded = codec.decode(json.writeValueAsBytes(tree), JobResult.class);
        assertThat(decoded.stats().protocols()).isEmpty();
        assertThat(decoded.stats().statusCodes()).isEqualTo(SampleMessages.jobResult().stats().statusCodes());
    }

    @Test
    void encodesEmptyOptionalRequestFieldsAsAbsent() throws Exception {
        JsonNode first = json.readTree(codec.encode(SampleMessages.job())).get("requests").get(0);
        assertThat(first.has("headers")).isFalse();
        assertThat(first.has("body")).isFalse();
        assertThat(first.get("queryString").asText()).isEqualTo("a=1&b=2");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = MessageCodecTest.class.getResourceAsStream("/golden/" + name + ".json")) {
            assertThat(in).as("golden file golden/%s.json", name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** Replaces each histogram's base64 (whose bytes depend on the zlib build) by its decoded content. */
    private static JsonNode normalized(JsonNode tree) {
        ObjectNode copy = tree.deepCopy();
        for (String field : new String[] {"latency", "serviceTime", "sendLag"}) {
            if (copy.has(field)) {
                LatencySnapshot s = LatencySnapshot.decode(copy.get(field).asText());
                copy.put(field, s.count() + "/" + s.minMicros() + "/" + s.valueAtPercentileMicros(50) + "/"
                        + s.maxMicros());
            }
        }
        return copy;
    }

    @Test
    void jobResultHistogramsSurviveTheWire() throws Exception {
        JobResult decoded = codec.decode(codec.encode(SampleMessages.jobResult()), JobResult.class);
        assertThat(decoded.stats().latency().count()).isEqualTo(4);
        assertThat(decoded.stats().latency().maxMicros()).isBetween(249_900L, 250_200L);
        assertThat(decoded.stats().sendLag().valueAtPercentileMicros(50)).isEqualTo(15);
    }

    @Test
    void theHandWrittenJobEncodingEqualsTheGenericOne() throws Exception {
        byte[] fast = codec.encode(SampleMessages.job());
        byte[] generic = codec.mapper().writerFor(Message.class).writeValueAsBytes(SampleMessages.job());
        assertThat(new String(fast, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(generic, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void theHandWrittenJobEncodingEscapesEveryStringAsJacksonDoes() throws Exception {
        String[] hostile = {"q\"uote", "back\\slash", "tab\tnew\nline\r", "\u0000\u0001\u001f\u007f", "caf\u00e9 \u20ac",
            "emoji \ud83d\ude80", "lone \ud800 surrogate", "</script><!--", "", "plain/ascii?a=1&b=2"};
        java.util.Random random = new java.util.Random(3);
        for (int round = 0; round < 200; round++) {
            String s = hostile[random.nextInt(hostile.length)] + hostile[random.nextInt(hostile.length)];
            var spec = new dev.imager.protocol.message.RequestSpec(round % 3 == 0 ? "GET" : "P\u00d6ST-" + round % 5,
                    "/" + s, s, s.isEmpty() ? java.util.Map.of() : java.util.Map.of("X-" + round, java.util.List.of(s, "v")), s);
            var job = new dev.imager.protocol.message.Job("run-" + s, round, "job", 1, new long[] {0, round},
                    java.util.List.of(spec, spec), java.util.List.of("http://h/" + s), 5);
            byte[] fast = codec.encode(job);
            byte[] generic = codec.mapper().writerFor(Message.class).writeValueAsBytes(job);
            assertThat(new String(fast, java.nio.charset.StandardCharsets.UTF_8)).as("round %d", round)
                    .isEqualTo(new String(generic, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
