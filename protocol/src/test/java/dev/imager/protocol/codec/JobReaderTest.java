package dev.imager.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imager.protocol.message.HttpVersionChoice;
import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.RequestSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The streaming job reader behind {@link MessageCodec#decode}: what it shares, and how strict it stays. */
class JobReaderTest {

    private final MessageCodec codec = new MessageCodec();

    private static Job job(List<RequestSpec> specs) {
        long[] offsets = new long[specs.size()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = i * 100L;
        }
        return new Job("run-1", 2, "run-1-r2-j0", 1_764_000_000_000_000_000L, offsets, specs,
                List.of("http://127.0.0.1:8080", "http://127.0.0.2:8080"), 1_500, HttpVersionChoice.HTTP_2, 3);
    }

    @Test
    void equalRequestSpecsComeBackAsOneObjectInTheirOrder() throws Exception {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Accept", List.of("text/plain", "application/json"));
        RequestSpec a = RequestSpec.get("/a", "x=1");
        RequestSpec b = new RequestSpec("POST", "/b", "", headers, "{\"n\":1}");
        List<RequestSpec> specs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            specs.add(i % 3 == 2 ? b : a);
        }
        Job decoded = codec.decode(codec.encode(job(specs)), Job.class);

        assertThat(decoded).isEqualTo(job(specs));
        assertThat(decoded.requests()).containsExactlyElementsOf(specs);
        assertThat(decoded.requests().get(3)).isSameAs(decoded.requests().get(0));
        assertThat(decoded.requests().get(5)).isSameAs(decoded.requests().get(2))
                .isNotSameAs(decoded.requests().get(0));
        assertThat(decoded.httpVersion()).isEqualTo(HttpVersionChoice.HTTP_2);
        assertThat(decoded.maxRedirects()).isEqualTo(3);
        assertThat(decoded.timeoutMillis()).isEqualTo(1_500);
    }

    @Test
    void specsWithTheSameHeadersInAnotherOrderKeepTheirOwnOrder() throws Exception {
        Map<String, List<String>> ab = new LinkedHashMap<>();
        ab.put("A", List.of("1"));
        ab.put("B", List.of("2"));
        Map<String, List<String>> ba = new LinkedHashMap<>();
        ba.put("B", List.of("2"));
        ba.put("A", List.of("1"));
        List<RequestSpec> specs = List.of(new RequestSpec("GET", "/", "", ab, ""),
                new RequestSpec("GET", "/", "", ba, ""));
        Job decoded = codec.decode(codec.encode(job(specs)), Job.class);
        assertThat(decoded.requests().get(0).headers().keySet()).containsExactly("A", "B");
        assertThat(decoded.requests().get(1).headers().keySet()).containsExactly("B", "A");
    }

    @Test
    void moreDistinctSpecsThanItRemembersAreAllReadRight() throws Exception {
        List<RequestSpec> specs = new ArrayList<>();
        for (int i = 0; i < JobReader.SPEC_CACHE_LIMIT * 2 + 7; i++) {
            specs.add(RequestSpec.get("/item/" + i, ""));
        }
        assertThat(codec.decode(codec.encode(job(specs)), Job.class).requests()).containsExactlyElementsOf(specs);
    }

    @Test
    void specsWrittenWithOtherBytesButEqualAreStillOneObject() throws Exception {
        RequestSpec a = RequestSpec.get("/a", "x=1");
        String json = text(job(List.of(a, a, RequestSpec.get("/b", ""), a)));
        String compact = "{\"path\":\"/a\",\"queryString\":\"x=1\"}";
        assertThat(json).contains(compact);
        // The second spec spaced out, the fourth with its fields in the other order: the same spec by value.
        int second = json.indexOf(compact, json.indexOf(compact) + 1);
        int fourth = json.lastIndexOf(compact);
        String changed = json.substring(0, second) + "{ \"path\" : \"/a\" , \"queryString\":\"x=1\" }"
                + json.substring(second + compact.length(), fourth) + "{\"queryString\":\"x=1\",\"path\":\"/a\"}"
                + json.substring(fourth + compact.length());
        Job decoded = codec.decode(bytes(changed), Job.class);
        assertThat(decoded.requests()).containsExactly(a, a, RequestSpec.get("/b", ""), a);
        assertThat(decoded.requests().get(1)).isSameAs(decoded.requests().get(0));
        assertThat(decoded.requests().get(3)).isSameAs(decoded.requests().get(0));
        assertThat(decoded.requests().get(2)).isNotSameAs(decoded.requests().get(0));
    }

    @Test
    void aJobInUtf16ReadsAsInUtf8() throws Exception {
        Job job = job(List.of(RequestSpec.get("/a", ""), RequestSpec.get("/b", "q=1"), RequestSpec.get("/a", "")));
        Job decoded = codec.decode(text(job).getBytes(StandardCharsets.UTF_16BE), Job.class);
        assertThat(decoded).isEqualTo(job);
        assertThat(decoded.requests().get(2)).isSameAs(decoded.requests().get(0));
    }

    @Test
    void unknownFieldsAreSkippedAtEveryLevel() throws Exception {
        String json = text(job(List.of(RequestSpec.get("/a", ""))))
                .replace("\"runId\":", "\"later\":{\"x\":[1,{\"y\":null}]},\"runId\":")
                .replace("{\"path\":\"/a\"}", "{\"path\":\"/a\",\"trace\":[true]}");
        assertThat(codec.decode(bytes(json), Job.class)).isEqualTo(job(List.of(RequestSpec.get("/a", ""))));
    }

    @Test
    void aPeersArraysStopAtTheMostAJobMayHold() {
        String job = text(job(List.of(RequestSpec.get("/a", ""))));
        StringBuilder offsets = new StringBuilder("[0");
        for (int i = 1; i <= Job.MAX_REQUESTS; i++) {
            offsets.append(',').append(i);
        }
        String tooLong = job.replace("\"offsetsMicros\":[0]", "\"offsetsMicros\":" + offsets.append(']'));
        assertThat(tooLong).isNotEqualTo(job);
        assertThatThrownBy(() -> codec.decode(bytes(tooLong), Job.class))
                .isExactlyInstanceOf(MessageDecodeException.class)
                .hasMessageContaining("offsetsMicros holds more than " + Job.MAX_REQUESTS);
    }

    static Stream<Arguments> invalidJobs() {
        String job = text(job(List.of(RequestSpec.get("/a", ""), RequestSpec.get("/a", ""))));
        return Stream.of(
                Arguments.of("string for a number", job.replace("\"round\":2", "\"round\":\"2\""), "round"),
                Arguments.of("float for a number", job.replace("\"round\":2", "\"round\":2.5"), "round"),
                Arguments.of("null for a number", job.replace("\"round\":2", "\"round\":null"), "round"),
                Arguments.of("number beyond a long", job.replace("\"round\":2", "\"round\":99999999999999999999"),
                        "invalid 'job' message"),
                Arguments.of("missing required field", job.replace("\"round\":2,", ""), "'round'"),
                Arguments.of("number for a string", job.replace("\"jobId\":\"run-1-r2-j0\"", "\"jobId\":7"), "jobId"),
                Arguments.of("null run id", job.replace("\"runId\":\"run-1\"", "\"runId\":null"), "runId"),
                Arguments.of("string offset", job.replace("[0,100]", "[0,\"100\"]"), "offsetsMicros"),
                Arguments.of("offsets not an array", job.replace("[0,100]", "100"), "offsetsMicros"),
                Arguments.of("null request", job.replace("[{\"path\":\"/a\"},{\"path\":\"/a\"}]",
                        "[{\"path\":\"/a\"},null]"), "requests[1] is required"),
                Arguments.of("request not an object", job.replace("[{\"path\":\"/a\"},{\"path\":\"/a\"}]",
                        "[{\"path\":\"/a\"},\"/a\"]"), "requests[]"),
                Arguments.of("number for a path", job.replace("{\"path\":\"/a\"},{\"path\":\"/a\"}",
                        "{\"path\":\"/a\"},{\"path\":5}"), "path"),
                Arguments.of("header value not a list", job.replace("{\"path\":\"/a\"},{\"path\":\"/a\"}",
                        "{\"path\":\"/a\"},{\"path\":\"/a\",\"headers\":{\"X\":\"y\"}}"), "headers['X']"),
                Arguments.of("blank header name after a valid spec", job.replace("{\"path\":\"/a\"},{\"path\":\"/a\"}",
                        "{\"path\":\"/a\"},{\"path\":\"/a\",\"headers\":{\" \":[\"y\"]}}"), "headers key"),
                Arguments.of("null header value", job.replace("{\"path\":\"/a\"},{\"path\":\"/a\"}",
                        "{\"path\":\"/a\"},{\"path\":\"/a\",\"headers\":{\"X\":[null]}}"), "headers['X']"),
                Arguments.of("duplicate key in a request", job.replace("{\"path\":\"/a\"},{\"path\":\"/a\"}",
                        "{\"path\":\"/a\"},{\"path\":\"/a\",\"path\":\"/b\"}"), "not valid JSON"),
                Arguments.of("null target", job.replace("\"http://127.0.0.2:8080\"", "null"), "targets"),
                Arguments.of("unknown HTTP version", job.replace("\"httpVersion\":\"2\"", "\"httpVersion\":\"9\""),
                        "httpVersion '9'"),
                Arguments.of("redirects beyond an int",
                        job.replace("\"maxRedirects\":3", "\"maxRedirects\":4294967296"), "invalid 'job' message"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidJobs")
    void rejectsWhatTheDataBindingRejected(String what, String json, String expected) {
        assertThat(json).as("the case must change the job").isNotEqualTo(text(job(List.of(RequestSpec.get("/a", ""),
                RequestSpec.get("/a", "")))));
        assertThatThrownBy(() -> codec.decode(bytes(json), Job.class))
                .as(what)
                .isExactlyInstanceOf(MessageDecodeException.class)
                .hasMessageContaining(expected);
    }

    private static String text(Job job) {
        return new String(new MessageCodec().encode(job), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
