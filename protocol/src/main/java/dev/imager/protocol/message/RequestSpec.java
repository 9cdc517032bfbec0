package dev.imager.protocol.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request to send, in exactly the original imager's request-file shape: {@code method},
 * {@code path}, {@code queryString}, {@code headers} (name to list of values) and {@code body}.
 *
 * <p>An empty method means {@code GET} and an empty path means {@code /}, as in the original. Empty
 * optional fields are omitted on the wire, and so is {@code "method": "GET"}: a job carries one spec per
 * planned request, so the bytes add up.
 *
 * @param method HTTP method; empty or null means GET
 * @param path request path, resolved against the target base URL; empty or null means {@code /}
 * @param queryString raw query string without the leading {@code ?}, sent verbatim; may be empty
 * @param headers header name to values, copied verbatim; never null on a built record
 * @param body request body as text; may be empty
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RequestSpec(
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = DefaultMethodFilter.class) String method,
        String path,
        String queryString,
        Map<String, List<String>> headers,
        String body) {

    /** Longest method name. */
    public static final int MAX_METHOD_CHARS = 32;

    /** Longest path (servers commonly refuse request lines beyond 8 to 16 KiB). */
    public static final int MAX_PATH_CHARS = 16 * 1024;

    /** Longest query string. */
    public static final int MAX_QUERY_CHARS = 64 * 1024;

    /** Most header names in one request. */
    public static final int MAX_HEADERS = 100;

    /** Most characters in all header names and values of one request together. */
    public static final int MAX_HEADER_CHARS = 64 * 1024;

    /** Longest body (1 MiB of text; NATS's default message limit is 1 MiB too). */
    public static final int MAX_BODY_CHARS = 1024 * 1024;

    public RequestSpec {
        method = method == null || method.isEmpty() ? "GET" : method;
        path = path == null || path.isEmpty() ? "/" : path;
        queryString = queryString == null ? "" : queryString;
        body = body == null ? "" : body;
        MessageFieldChecks.atMost(method, MAX_METHOD_CHARS, "method");
        MessageFieldChecks.atMost(path, MAX_PATH_CHARS, "path");
        MessageFieldChecks.atMost(queryString, MAX_QUERY_CHARS, "queryString");
        MessageFieldChecks.atMost(body, MAX_BODY_CHARS, "body");
        if (headers == null || headers.isEmpty()) {
            headers = Map.of();
        } else {
            if (headers.size() > MAX_HEADERS) {
                throw new IllegalArgumentException("headers has " + headers.size() + " names; at most " + MAX_HEADERS
                        + " are accepted");
            }
            Map<String, List<String>> copy = new LinkedHashMap<>();
            long chars = 0;
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                String name = header.getKey();
                MessageFieldChecks.nonBlank(name, "headers key");
                MessageFieldChecks.required(header.getValue(), "headers['" + name + "']");
                List<String> values = List.copyOf(header.getValue());
                chars += name.length();
                for (String value : values) {
                    chars += value.length();
                }
                if (chars > MAX_HEADER_CHARS) {
                    throw new IllegalArgumentException("headers hold more than " + MAX_HEADER_CHARS
                            + " characters of names and values; that is the most accepted");
                }
                copy.put(name, values);
            }
            headers = java.util.Collections.unmodifiableMap(copy);
        }
    }

    /** A GET of {@code path} with an optional query string, no headers and no body. */
    public static RequestSpec get(String path, String queryString) {
        return new RequestSpec("GET", path, queryString, Map.of(), "");
    }

    /** Jackson value filter: true (leave out) for the default method, GET. */
    static final class DefaultMethodFilter {
        @Override
        public boolean equals(Object value) {
            return value == null || "GET".equals(value);
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
