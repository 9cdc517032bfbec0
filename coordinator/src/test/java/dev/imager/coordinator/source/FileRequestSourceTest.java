package dev.imager.coordinator.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.imager.coordinator.config.InvalidConfigException;
import dev.imager.protocol.message.RequestSpec;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FileRequestSourceTest {

    @TempDir
    Path dir;

    static Path fixture(String name) {
        try {
            return Path.of(FileRequestSourceTest.class.getResource("/requests/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path write(String content) throws IOException {
        Path file = dir.resolve("requests.json");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private List<RequestSpec> load(String content) throws IOException {
        return new FileRequestSource(write(content)).requests();
    }

    @Test
    void theOriginalExampleFileLoads() {
        FileRequestSource source = new FileRequestSource(fixture("example-requests.json"));
        assertThat(source.requests()).containsExactly(
                RequestSpec.get("/", ""),
                RequestSpec.get("/status", ""),
                new RequestSpec("GET", "/anything", "", Map.of("X-Imager-Run", List.of("true")), ""));
        assertThat(source.describe()).endsWith("example-requests.json (3 requests)");
    }

    @Test
    void servesRoundRobinInFileOrderForever() throws IOException {
        FileRequestSource source = new FileRequestSource(write("{\"path\":\"/a\"}\n{\"path\":\"/b\"}\n{\"path\":\"/c\"}\n"));
        StringBuilder paths = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            paths.append(source.next().path());
        }
        assertThat(paths).hasToString("/a/b/c/a/b/c/a/b");
    }

    @Test
    void resetRestartsFromTheFirstRecord() throws IOException {
        FileRequestSource source = new FileRequestSource(write("{\"path\":\"/a\"}\n{\"path\":\"/b\"}\n{\"path\":\"/c\"}"));
        source.next();
        source.next();
        source.reset();
        assertThat(source.next().path()).isEqualTo("/a");
        assertThat(source.next().path()).isEqualTo("/b");
    }

    @Test
    void aSingleRecordRepeats() throws IOException {
        FileRequestSource source = new FileRequestSource(write("{\"path\":\"/only\"}"));
        assertThat(List.of(source.next(), source.next(), source.next())).extracting(RequestSpec::path)
                .containsOnly("/only");
        assertThat(source.describe()).endsWith("(1 request)");
    }

    @Test
    void everyFieldIsRead() throws IOException {
        assertThat(load("{\"method\":\"POST\",\"path\":\"/orders\",\"queryString\":\"x=1&y=2\","
                + "\"headers\":{\"Content-Type\":[\"application/json\"],\"X-Multi\":[\"a\",\"b\"],\"X-None\":[]},"
                + "\"body\":\"{\\\"id\\\":7}\"}"))
                .containsExactly(new RequestSpec("POST", "/orders", "x=1&y=2",
                        Map.of("Content-Type", List.of("application/json"), "X-Multi", List.of("a", "b"),
                                "X-None", List.of()), "{\"id\":7}"));
    }

    @Test
    void keysAreCaseInsensitiveAsInGo() throws IOException {
        assertThat(load("{\"METHOD\":\"PUT\",\"Path\":\"/x\",\"querystring\":\"q=1\",\"HEADERS\":{\"A\":[\"1\"]},"
                + "\"Body\":\"b\"}"))
                .containsExactly(new RequestSpec("PUT", "/x", "q=1", Map.of("A", List.of("1")), "b"));
    }

    @Test
    void absentOrNullFieldsTakeTheDefaults() throws IOException {
        assertThat(load("{}\n{\"method\":null,\"path\":null,\"queryString\":null,\"headers\":null,\"body\":null}"))
                .containsExactly(RequestSpec.get("/", ""), RequestSpec.get("/", ""));
    }

    @Test
    void whitespaceSeparatesRecordsNotLines() throws IOException {
        // As the original's stream decoder: several records on one line, one record over several lines.
        assertThat(load("{\"path\":\"/a\"} {\"path\":\"/b\"}{\"path\":\"/c\"}\n{\n  \"path\": \"/d\"\n}\n"))
                .extracting(RequestSpec::path).containsExactly("/a", "/b", "/c", "/d");
    }

    @Test
    void aTopLevelArrayIsAListOfRecords() throws IOException {
        assertThat(load("[\n  {\"path\":\"/a\"},\n  {\"path\":\"/b\"}\n]\n"))
                .extracting(RequestSpec::path).containsExactly("/a", "/b");
    }

    @Test
    void byteOrderMarkAndCrLfAreFine() throws IOException {
        assertThat(load("\ufeff{\"path\":\"/a\"}\r\n{\"path\":\"/b\"}\r\n")).extracting(RequestSpec::path)
                .containsExactly("/a", "/b");
    }

    @Test
    void methodsAreKeptVerbatim() throws IOException {
        // HTTP methods are case-sensitive; the original sent what the file said.
        assertThat(load("{\"method\":\"PATCH\"}\n{\"method\":\"get\"}")).extracting(RequestSpec::method)
                .containsExactly("PATCH", "get");
    }

    /** A file's content and the message after "<file>" (line:column: record n: problem). */
    static Stream<Arguments> badFiles() {
        return Stream.of(
                // syntax error on line 3 of an otherwise good file
                bad("{\"path\":\"/a\"}\n{\"path\":\"/b\"}\n{\"path\": /c}\n",
                        ":3:10: record 3: invalid JSON: Unexpected character ('/' (code 47))"),
                // truncated last record
                bad("{\"path\":\"/a\"}\n{\"path\":\"/b\"",
                        ":2:13: record 2: unexpected end of file: the record is not complete (missing '}' or ']')"),
                // unclosed array
                bad("[{\"path\":\"/a\"}", ":1:15: record 2: unexpected end of file"),
                // method is a number
                bad("{\"method\": 5}", ":1:12: record 1: field \"method\" must be a string, got a number"),
                // path is a boolean
                bad("{\"path\": true}", ":1:10: record 1: field \"path\" must be a string, got a boolean"),
                // queryString is an object
                bad("{\"queryString\": {\"a\": 1}}",
                        ":1:17: record 1: field \"queryString\" must be a string, got an object"),
                // body is an object: a JSON body must be written as a string
                bad("{\"body\": {\"id\": 7}}",
                        ":1:10: record 1: field \"body\" must be a string, got an object (write a JSON body as a string)"),
                // headers is a string
                bad("{\"path\":\"/\"}\n\n{\"headers\": \"x\"}", ":3:13: record 2: field \"headers\" must be an object "
                        + "of string arrays, e.g. {\"Accept\": [\"application/json\"]}, got a string"),
                // a header value is a plain string instead of an array
                bad("{\"headers\": {\"Accept\": \"text/plain\"}}", ":1:24: record 1: field \"headers\" must be an "
                        + "object of string arrays: header \"Accept\" must be an array such as [\"value\"], got a string"),
                // a header value array holds a number
                bad("{\"headers\": {\"X-N\": [\"1\", 2]}}", ":1:27: record 1: field \"headers\" must be an object of "
                        + "string arrays: a value of header \"X-N\" is a number, not a string"),
                // header name with a space
                bad("{\"headers\": {\"Bad Name\": [\"x\"]}}",
                        ":1:14: record 1: field \"headers\": \"Bad Name\" is not a valid header name"),
                // header value with a line break (header injection)
                bad("{\"headers\": {\"A\": [\"x\\r\\nB: y\"]}}",
                        ":1:20: record 1: field \"headers\": a value of header \"A\" contains a line break or NUL character"),
                // the same header twice, differing in case
                bad("{\"headers\": {\"Accept\": [\"a\"], \"accept\": [\"b\"]}}", ":1:31: record 1: field \"headers\": "
                        + "header \"accept\" is given twice (header names are case-insensitive; list several values "
                        + "in one array)"),
                // a typo must not silently vanish
                bad("{\"path\":\"/a\",\"queryStrng\":\"x=1\"}", ":1:14: record 1: unknown field \"queryStrng\" "
                        + "(fields are method, path, queryString, headers, body; keys are case-insensitive)"),
                // the same key twice, differing in case
                bad("{\"path\":\"/a\",\"PATH\":\"/b\"}",
                        ":1:14: record 1: field \"path\" is given twice (keys are case-insensitive)"),
                // empty file (the original hung forever)
                bad("", ": the file is empty; it needs at least one request, e.g. {\"method\": \"GET\", \"path\": \"/\"}"),
                // whitespace-only file
                bad(" \n\t\r\n ", ": the file contains only whitespace; it needs at least one request, e.g. "
                        + "{\"method\": \"GET\", \"path\": \"/\"}"),
                // null record
                bad("{\"path\":\"/a\"}\nnull\n", ":2:1: record 2: null is not a request; write an object such as "
                        + "{\"method\": \"GET\", \"path\": \"/\"}"),
                // null inside an array
                bad("[null]", ":1:2: record 1: null is not a request"),
                // a number is not a record
                bad("5", ":1:1: record 1: a request must be a JSON object such as {\"method\": \"GET\", \"path\": "
                        + "\"/\"}, got a number"),
                // a string is not a record
                bad("\"/path\"", ":1:1: record 1: a request must be a JSON object"),
                // an array inside the array
                bad("[[{\"path\":\"/\"}]]", ":1:2: record 1: a request must be a JSON object such as "
                        + "{\"method\": \"GET\", \"path\": \"/\"}, got an array"),
                // objects and an array mixed
                bad("{\"path\":\"/a\"}\n[{\"path\":\"/b\"}]",
                        ":2:1: record 2: a top-level JSON array must be the only value in the file"),
                // an array followed by more values
                bad("[{\"path\":\"/a\"}]\n{\"path\":\"/b\"}",
                        ":2:1: record 2: a top-level JSON array must be the only value in the file"),
                // empty array
                bad("[]", ":1:2: the array is empty; it needs at least one request, e.g. "
                        + "[{\"method\": \"GET\", \"path\": \"/\"}]"),
                // method that is not an HTTP token
                bad("{\"method\": \"GE T\"}",
                        ":1:1: record 1: field \"method\" must be an HTTP method such as GET or POST, got \"GE T\""),
                // comments are not JSON
                bad("// requests\n{\"path\":\"/\"}", ":1:1: record 1: invalid JSON: Unexpected character ('/' (code 47))"),
                // trailing comma
                bad("{\"path\":\"/\",}", ":1:13: record 1: invalid JSON: Unexpected character ('}' (code 125))"),
                // single quotes
                bad("{'path':'/'}", ":1:2: record 1: invalid JSON: Unexpected character ('''"),
                // a field beyond RequestSpec's bounds: refused with its place, like every other problem
                bad("{\"path\":\"/\"}\n{\"body\": \"" + "x".repeat(RequestSpec.MAX_BODY_CHARS + 1) + "\"}",
                        ":2:1: record 2: body is " + (RequestSpec.MAX_BODY_CHARS + 1) + " characters long; at most "
                        + RequestSpec.MAX_BODY_CHARS + " are accepted"),
                bad("{\"method\": \"" + "M".repeat(RequestSpec.MAX_METHOD_CHARS + 1) + "\"}",
                        ":1:1: record 1: method is " + (RequestSpec.MAX_METHOD_CHARS + 1) + " characters long"),
                bad("{\"path\": \"/" + "p".repeat(RequestSpec.MAX_PATH_CHARS) + "\"}", ":1:1: record 1: path is "),
                bad("{\"queryString\": \"" + "q".repeat(RequestSpec.MAX_QUERY_CHARS + 1) + "\"}",
                        ":1:1: record 1: queryString is "),
                bad("{\"headers\": {\"X-Big\": [\"" + "h".repeat(RequestSpec.MAX_HEADER_CHARS) + "\"]}}",
                        ":1:1: record 1: headers hold more than " + RequestSpec.MAX_HEADER_CHARS + " characters"),
                bad(manyHeaders(RequestSpec.MAX_HEADERS + 1), ":1:1: record 1: headers has "
                        + (RequestSpec.MAX_HEADERS + 1) + " names; at most " + RequestSpec.MAX_HEADERS + " are accepted"));
    }

    private static String manyHeaders(int n) {
        StringBuilder sb = new StringBuilder("{\"headers\": {");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append("\"X-H").append(i).append("\": [\"v\"]");
        }
        return sb.append("}}").toString();
    }

    static Arguments bad(String content, String expected) {
        return Arguments.of(content, expected);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("badFiles")
    void badFilesFailAtStartUpWithFileLineAndField(String content, String expected) throws IOException {
        Path file = write(content);
        assertThatThrownBy(() -> new FileRequestSource(file))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith(file + expected);
    }

    @Test
    void notUtf8() throws IOException {
        Path file = dir.resolve("latin1.json");
        Files.write(file, new byte[] {'{', '"', 'p', 'a', 't', 'h', '"', ':', '"', (byte) 0xE9, '"', '}'});
        assertThatThrownBy(() -> new FileRequestSource(file)).hasMessage(file + ": the file is not UTF-8 text");
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nope.json");
        assertThatThrownBy(() -> new FileRequestSource(file)).isInstanceOf(InvalidConfigException.class)
                .hasMessage(file + ": no such file");
    }

    @Test
    void directoryInsteadOfFile() {
        assertThatThrownBy(() -> new FileRequestSource(dir)).isInstanceOf(InvalidConfigException.class)
                .hasMessage(dir + ": is a directory, not a request file");
    }

    @Test
    void aPipeOrADeviceIsRefusedUnopened() throws Exception {
        // A FIFO with no writer: opening it would block this thread until one comes.
        Path fifo = dir.resolve("requests.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> new FileRequestSource(fifo))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage(fifo + ": is not a regular file (a pipe or a device), not a request file"));
        assertThatThrownBy(() -> new FileRequestSource(Path.of("/dev/zero"))).isInstanceOf(InvalidConfigException.class)
                .hasMessage("/dev/zero: is not a regular file (a pipe or a device), not a request file");
    }

    @Test
    void sizeIsBounded() throws IOException {
        Path file = write("{\"path\":\"/0123456789\"}");   // 22 bytes
        assertThat(new FileRequestSource(file, 22).requests()).hasSize(1);
        assertThatThrownBy(() -> new FileRequestSource(file, 21)).isInstanceOf(InvalidConfigException.class)
                .hasMessage(file + ": the file is larger than the limit of 21 bytes for request files");
        assertThat(FileRequestSource.DEFAULT_MAX_FILE_BYTES).isEqualTo(64L * 1024 * 1024);
    }
}
