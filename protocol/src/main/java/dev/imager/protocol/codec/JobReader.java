package dev.imager.protocol.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imager.protocol.message.HttpVersionChoice;
import dev.imager.protocol.message.Job;
import dev.imager.protocol.message.RequestSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link Job} from its JSON with the streaming parser, the counterpart of {@link JobWriter}. Jobs are the
 * largest and most frequent message (one request spec and one offset per planned request): through a tree and
 * data binding, a job of 2,000 requests cost several times what lexing it does. Here it is read in one pass, and
 * a request spec equal to an earlier one in the same job is that same object (a request file's records and
 * random-sum's requests repeat), so a job holds each distinct spec once. A spec whose bytes repeat an earlier one's
 * in the job is only lexed past, not built and checked again: the coordinator writes each spec's bytes once and
 * repeats them.
 *
 * <p>As strict as the data binding it replaces: every field has exactly its JSON type (no coercion, no null for a
 * number), required fields must be present, duplicate keys fail (a parser feature of the codec's mapper), unknown
 * fields are skipped, and the {@link Job} and {@link RequestSpec} constructors check the values. Every failure is
 * an {@link IOException} or an {@link IllegalArgumentException} naming the field.
 */
final class JobReader {

    /** Distinct request specs shared per job; specs beyond them are kept as read. */
    static final int SPEC_CACHE_LIMIT = 256;

    private final ObjectMapper mapper;

    JobReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Reads a job from {@code data}, a complete JSON object already checked to be syntactically valid. */
    Job read(byte[] data) throws IOException {
        try (JsonParser p = mapper.createParser(data)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, "job");
            String runId = null;
            String jobId = null;
            long round = 0;
            long start = 0;
            long timeout = 0;
            long[] offsets = null;
            List<RequestSpec> requests = null;
            List<String> targets = null;
            HttpVersionChoice version = HttpVersionChoice.HTTP_1_1;
            int maxRedirects = 0;
            int seen = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "runId" -> { runId = string(p, value, field); seen |= 1; }
                    case "round" -> { round = longValue(p, value, field); seen |= 2; }
                    case "jobId" -> { jobId = string(p, value, field); seen |= 4; }
                    case "startEpochNanos" -> { start = longValue(p, value, field); seen |= 8; }
                    case "offsetsMicros" -> { offsets = offsets(p, value); seen |= 16; }
                    case "requests" -> { requests = requests(data, p, value); seen |= 32; }
                    case "targets" -> { targets = strings(p, value, field); seen |= 64; }
                    case "timeoutMillis" -> { timeout = longValue(p, value, field); seen |= 128; }
                    case "httpVersion" -> {
                        String word = string(p, value, field);
                        version = word == null ? HttpVersionChoice.HTTP_1_1 : HttpVersionChoice.ofWire(word);
                    }
                    case "maxRedirects" -> maxRedirects = value == JsonToken.VALUE_NULL ? 0 : intValue(p, value, field);
                    default -> p.skipChildren();
                }
            }
            String[] required = {"runId", "round", "jobId", "startEpochNanos", "offsetsMicros", "requests", "targets",
                "timeoutMillis"};
            for (int i = 0; i < required.length; i++) {
                if ((seen & (1 << i)) == 0) {
                    throw new IllegalArgumentException("missing required field '" + required[i] + "'");
                }
            }
            return new Job(runId, round, jobId, start, offsets, requests, targets, timeout, version, maxRedirects);
        }
    }

    private static long[] offsets(JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, token, JsonToken.START_ARRAY, "offsetsMicros");
        long[] values = new long[64];
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            tooMany(n, "offsetsMicros");
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = longValue(p, t, "offsetsMicros[]");
        }
        return Arrays.copyOf(values, n);
    }

    private static List<RequestSpec> requests(byte[] data, JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, token, JsonToken.START_ARRAY, "requests");
        List<RequestSpec> specs = new ArrayList<>();
        Map<SpecKey, RequestSpec> known = new HashMap<>();
        Map<Integer, SpecBytes> read = new HashMap<>();
        SpecBytes last = null;
        int misses = 0;
        int hits = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            tooMany(specs.size(), "requests");
            if (t == JsonToken.VALUE_NULL) {
                specs.add(null); // the Job constructor names the index
                continue;
            }
            expect(p, t, JsonToken.START_OBJECT, "requests[]");
            // Specs that do not repeat (misses beyond what is remembered, more than hits) are read as ever.
            boolean byBytes = misses <= SPEC_CACHE_LIMIT || hits >= misses;
            long from = byBytes ? p.currentTokenLocation().getByteOffset() : -1;
            if (from < 0) { // (or not read as UTF-8 bytes: a peer may send UTF-16, and there are no offsets)
                specs.add(shared(known, spec(p)));
                continue;
            }
            // Bytes that repeat an earlier spec's of this job are that spec: a JSON object ends where the same
            // bytes ended it before. Such a spec is only lexed past, not built and checked again (the
            // coordinator repeats its specs byte for byte); any other is read as ever.
            int start = (int) from;
            int prefix = SpecBytes.prefixHash(data, start);
            SpecBytes same = last != null && last.isAt(data, start) ? last : read.get(prefix);
            if (same != null && same.isAt(data, start)) {
                p.skipChildren();
                if (p.currentTokenLocation().getByteOffset() != start + same.length() - 1) {
                    throw new IllegalStateException("a repeated request spec did not end where it did before");
                }
                specs.add(same.spec());
                last = same;
                hits++;
                continue;
            }
            misses++;
            RequestSpec spec = shared(known, spec(p));
            last = new SpecBytes(data, start, (int) p.currentTokenLocation().getByteOffset() + 1, spec);
            if (read.size() < SPEC_CACHE_LIMIT || read.containsKey(prefix)) {
                read.put(prefix, last);
            }
            specs.add(spec);
        }
        return specs;
    }

    /** The spec equal to {@code spec} read earlier in the job, or {@code spec}, remembered while there is room. */
    private static RequestSpec shared(Map<SpecKey, RequestSpec> known, RequestSpec spec) {
        SpecKey key = new SpecKey(spec);
        RequestSpec same = known.get(key);
        if (same != null) {
            return same;
        }
        if (known.size() < SPEC_CACHE_LIMIT) {
            known.put(key, spec);
        }
        return spec;
    }

    /** Fails before a peer's array grows past what a job may hold (the Job constructor would refuse it anyway). */
    private static void tooMany(int held, String field) {
        if (held >= Job.MAX_REQUESTS) {
            throw new IllegalArgumentException(field + " holds more than " + Job.MAX_REQUESTS
                    + " requests; at most " + Job.MAX_REQUESTS + " are accepted in one job");
        }
    }

    /** Reads one request spec, the parser on its START_OBJECT. */
    private static RequestSpec spec(JsonParser p) throws IOException {
        String method = null;
        String path = null;
        String query = null;
        String body = null;
        Map<String, List<String>> headers = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "method" -> method = string(p, value, field);
                case "path" -> path = string(p, value, field);
                case "queryString" -> query = string(p, value, field);
                case "body" -> body = string(p, value, field);
                case "headers" -> headers = headers(p, value);
                default -> p.skipChildren();
            }
        }
        return new RequestSpec(method, path, query, headers, body);
    }

    private static Map<String, List<String>> headers(JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, token, JsonToken.START_OBJECT, "headers");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            headers.put(name, strings(p, p.nextToken(), "headers['" + name + "']"));
        }
        return headers;
    }

    private static List<String> strings(JsonParser p, JsonToken token, String field) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, token, JsonToken.START_ARRAY, field);
        List<String> values = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            String s = string(p, t, field + "[]");
            if (s == null) {
                throw new IllegalArgumentException(field + " must not hold null");
            }
            values.add(s);
        }
        return values;
    }

    private static String string(JsonParser p, JsonToken token, String field) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, token, JsonToken.VALUE_STRING, field);
        return p.getText();
    }

    private static long longValue(JsonParser p, JsonToken token, String field) throws IOException {
        expect(p, token, JsonToken.VALUE_NUMBER_INT, field);
        return p.getLongValue(); // fails on a value beyond a long
    }

    private static int intValue(JsonParser p, JsonToken token, String field) throws IOException {
        expect(p, token, JsonToken.VALUE_NUMBER_INT, field);
        return p.getIntValue(); // fails on a value beyond an int
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken expected, String field) throws IOException {
        if (actual != expected) {
            throw new IllegalArgumentException(field + " must be " + describe(expected) + ", got " + describe(actual));
        }
    }

    /** A JSON token in words, for messages: "an array", "a string", ... */
    static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a non-integer number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }

    /**
     * A spec compared with its header order too (a map's equality ignores it, but headers are sent in the order
     * given, which a picky server may notice).
     */
    private record SpecKey(RequestSpec spec, List<String> headerOrder) {
        SpecKey(RequestSpec spec) {
            this(spec, spec.headers().size() < 2 ? List.of() : List.copyOf(spec.headers().keySet()));
        }
    }

    /** A request spec and the bytes it was read from in the job, found again by their first bytes. */
    private record SpecBytes(byte[] data, int from, int to, RequestSpec spec) {

        /** How many of a spec's first bytes place it in the lookup (a short spec's successors' too: harmless). */
        private static final int PREFIX = 64;

        static int prefixHash(byte[] data, int start) {
            int h = 1;
            for (int i = start, end = Math.min(data.length, start + PREFIX); i < end; i++) {
                h = 31 * h + data[i];
            }
            return h;
        }

        int length() {
            return to - from;
        }

        /** Whether {@code other} holds these same bytes from {@code start} on. */
        boolean isAt(byte[] other, int start) {
            return start + length() <= other.length && Arrays.equals(data, from, to, other, start, start + length());
        }
    }
}
