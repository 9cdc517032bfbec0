package dev.imager.coordinator.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.imager.coordinator.config.InvalidConfigException;
import dev.imager.protocol.message.RequestSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates a whole request file (see {@link FileRequestSource} for the format), so that
 * every mistake is found at start-up with its position, instead of the original's lazy, sticky
 * failures in the middle of a run.
 *
 * <p>Every error message is {@code <file>:<line>:<column>: record <n>: <what is wrong>}.
 */
final class RequestFileParser {

    /** The record fields, by lower-cased key: keys match case-insensitively, as Go's decoder did. */
    private static final Map<String, String> FIELDS = Map.of(
            "method", "method",
            "path", "path",
            "querystring", "queryString",
            "headers", "headers",
            "body", "body");

    private static final String KNOWN_FIELDS = "method, path, queryString, headers, body";

    /** RFC 9110 token: what a method or header name may consist of. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

    private static final String EXAMPLE = "{\"method\": \"GET\", \"path\": \"/\"}";

    private static final JsonFactory JSON = new JsonFactory();

    private final String file;
    private final String text;

    private RequestFileParser(String file, String text) {
        this.file = file;
        this.text = text;
    }

    /**
     * Every record of {@code text}, in order.
     *
     * @param file the file name used in messages
     * @throws InvalidConfigException on the first problem, with its position
     */
    static List<RequestSpec> parse(String file, String text) {
        return new RequestFileParser(file, text).parseAll();
    }

    private List<RequestSpec> parseAll() {
        if (text.isEmpty()) {
            throw new InvalidConfigException(file + ": the file is empty; it needs at least one request, e.g. "
                    + EXAMPLE);
        }
        if (text.isBlank()) {
            throw new InvalidConfigException(file + ": the file contains only whitespace; it needs at least one "
                    + "request, e.g. " + EXAMPLE);
        }
        List<RequestSpec> records = new ArrayList<>();
        try (JsonParser p = JSON.createParser(text)) {
            boolean array = false;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (array || (t == JsonToken.START_ARRAY && !records.isEmpty())) {
                    throw at(p.currentTokenLocation(), records.size() + 1,
                            "a top-level JSON array must be the only value in the file");
                }
                if (t == JsonToken.START_ARRAY) {
                    array = true;
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        records.add(readRecord(p, t, records.size() + 1));
                    }
                    if (records.isEmpty()) {
                        throw at(p.currentTokenLocation(), 0, "the array is empty; it needs at least one request, "
                                + "e.g. [" + EXAMPLE + "]");
                    }
                } else {
                    records.add(readRecord(p, t, records.size() + 1));
                }
            }
        } catch (JsonEOFException e) {
            throw at(e.getLocation(), records.size() + 1, "unexpected end of file: the record is not complete "
                    + "(missing '}' or ']')");
        } catch (StreamReadException e) {
            throw at(e.getLocation(), records.size() + 1, "invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidConfigException(file + ": cannot parse: " + e.getMessage(), e);
        }
        return records;
    }

    private RequestSpec readRecord(JsonParser p, JsonToken first, int record) throws IOException {
        JsonLocation start = p.currentTokenLocation();
        if (first == JsonToken.VALUE_NULL) {
            throw at(start, record, "null is not a request; write an object such as " + EXAMPLE);
        }
        if (first != JsonToken.START_OBJECT) {
            throw at(start, record, "a request must be a JSON object such as " + EXAMPLE + ", got " + kind(first));
        }
        Map<String, String> strings = new LinkedHashMap<>();
        Map<String, List<String>> headers = Map.of();
        Set<String> seen = new HashSet<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonLocation keyLocation = p.currentTokenLocation();
            String field = FIELDS.get(key.toLowerCase(Locale.ROOT));
            if (field == null) {
                throw at(keyLocation, record, "unknown field \"" + key + "\" (fields are " + KNOWN_FIELDS
                        + "; keys are case-insensitive)");
            }
            if (!seen.add(field)) {
                throw at(keyLocation, record, "field \"" + field + "\" is given twice (keys are case-insensitive)");
            }
            JsonToken value = p.nextToken();
            if (field.equals("headers")) {
                headers = readHeaders(p, value, record);
            } else if (value == JsonToken.VALUE_STRING) {
                strings.put(field, p.getText());
            } else if (value != JsonToken.VALUE_NULL) {
                // null means "absent", as in Go; any other non-string is a mistake.
                throw at(p.currentTokenLocation(), record, "field \"" + field + "\" must be a string, got "
                        + kind(value) + (field.equals("body") ? " (write a JSON body as a string)" : ""));
            }
        }
        String method = strings.getOrDefault("method", "");
        if (!method.isEmpty() && !TOKEN.matcher(method).matches()) {
            throw at(start, record, "field \"method\" must be an HTTP method such as GET or POST, got \""
                    + method + "\"");
        }
        try {
            return new RequestSpec(method, strings.get("path"), strings.get("queryString"), headers,
                    strings.get("body"));
        } catch (IllegalArgumentException e) {
            // A field beyond RequestSpec's bounds (a 2 MiB body, 101 headers, ...): name its place like any other.
            throw at(start, record, e.getMessage());
        }
    }

    private Map<String, List<String>> readHeaders(JsonParser p, JsonToken value, int record) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        if (value != JsonToken.START_OBJECT) {
            throw at(p.currentTokenLocation(), record, "field \"headers\" must be an object of string arrays, "
                    + "e.g. {\"Accept\": [\"application/json\"]}, got " + kind(value));
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonLocation nameLocation = p.currentTokenLocation();
            if (!TOKEN.matcher(name).matches()) {
                throw at(nameLocation, record, "field \"headers\": \"" + name + "\" is not a valid header name");
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw at(nameLocation, record, "field \"headers\": header \"" + name + "\" is given twice (header "
                        + "names are case-insensitive; list several values in one array)");
            }
            JsonToken array = p.nextToken();
            if (array != JsonToken.START_ARRAY) {
                throw at(p.currentTokenLocation(), record, "field \"headers\" must be an object of string arrays: "
                        + "header \"" + name + "\" must be an array such as [\"value\"], got " + kind(array));
            }
            List<String> values = new ArrayList<>();
            JsonToken item;
            while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
                if (item != JsonToken.VALUE_STRING) {
                    throw at(p.currentTokenLocation(), record, "field \"headers\" must be an object of string "
                            + "arrays: a value of header \"" + name + "\" is " + kind(item) + ", not a string");
                }
                String v = p.getText();
                if (v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\0') >= 0) {
                    throw at(p.currentTokenLocation(), record, "field \"headers\": a value of header \"" + name
                            + "\" contains a line break or NUL character");
                }
                values.add(v);
            }
            headers.put(name, values);
        }
        return headers;
    }

    private InvalidConfigException at(JsonLocation location, int record, String message) {
        StringBuilder where = new StringBuilder(file);
        if (location != null && location.getLineNr() > 0) {
            where.append(':').append(location.getLineNr());
            if (location.getColumnNr() > 0) {
                where.append(':').append(location.getColumnNr());
            }
        }
        return new InvalidConfigException(where + ": " + (record > 0 ? "record " + record + ": " : "") + message);
    }

    private static String kind(JsonToken t) {
        if (t == null) {
            return "the end of the file";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }
}
