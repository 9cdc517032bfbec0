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

    public RequestSpec {
        method = method == null || method.isEmpty() ? "GET" : method;
        path = path == null || path.isEmpty() ? "/" : path;
        queryString = queryString == null ? "" : queryString;
        body = body == null ? "" : body;
        if (headers == null || headers.isEmpty()) {
            headers = Map.of();
        } else {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            headers.forEach((name, values) -> {
                MessageFieldChecks.nonBlank(name, "headers key");
                MessageFieldChecks.required(values, "headers['" + name + "']");
                copy.put(name, List.copyOf(values));
            });
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
