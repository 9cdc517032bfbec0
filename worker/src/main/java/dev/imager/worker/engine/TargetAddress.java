package dev.imager.worker.engine;

import dev.imager.protocol.target.TargetUrl;

/**
 * A job's target as the engine uses it, e.g. {@code http://127.0.1.7:8080} or {@code https://api.example.com/v1?k=v}:
 * where to connect, the {@code Host} header, and the request line of each request. What a target may be, and how
 * a request's path and query combine with it, is {@link TargetUrl}'s rule, shared with the coordinator.
 *
 * @param scheme {@code http} or {@code https}
 * @param host host name or IP literal (IPv6 without brackets)
 * @param port explicit or default port
 * @param basePath base path without a trailing slash ("" for none)
 * @param baseQuery the target's own query, sent before each request's ("" for none)
 */
public record TargetAddress(String scheme, String host, int port, String basePath, String baseQuery) {

    /** A target without a query of its own. */
    public TargetAddress(String scheme, String host, int port, String basePath) {
        this(scheme, host, port, basePath, "");
    }

    /**
     * Parses a target ({@link TargetUrl#parse}).
     *
     * @throws IllegalArgumentException with a message naming the URL when it is not one
     */
    public static TargetAddress parse(String url) {
        TargetUrl target = TargetUrl.parse(url);
        return new TargetAddress(target.scheme(), target.host(), target.port(), target.basePath(), target.query());
    }

    public boolean tls() {
        return "https".equals(scheme);
    }

    /** Value of the {@code Host} header: the port only when it is not the scheme's default. */
    public String hostHeader() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        boolean defaultPort = (tls() && port == 443) || (!tls() && port == 80);
        return defaultPort ? h : h + ":" + port;
    }

    /** Key of the connection pool serving this target. */
    public String authority() {
        return scheme + "://" + hostHeader();
    }

    /**
     * The request-target for the request line: the path and query {@link TargetUrl} makes of the base and
     * the request's, the path percent-encoded where it holds characters not allowed in a URI path, the query
     * verbatim except that spaces, {@code #}, control characters and non-ASCII are percent-encoded: they could not
     * stand in a request line ({@code #} would start a fragment, a line break would inject headers).
     */
    public String requestUri(String path, String queryString) {
        String joinedPath = TargetUrl.joinPath(basePath, path);
        String query = TargetUrl.joinQuery(baseQuery, queryString);
        StringBuilder sb = new StringBuilder(joinedPath.length() + query.length() + 2);
        appendEncodedPath(sb, joinedPath);
        if (!query.isEmpty()) {
            sb.append('?');
            appendSafeQuery(sb, query);
        }
        return sb.toString();
    }

    private static void appendEncodedPath(StringBuilder sb, String path) {
        boolean plain = true;
        for (int i = 0; i < path.length() && plain; i++) {
            char c = path.charAt(i);
            plain = c < 128 && isPathChar(c);
        }
        if (plain) {
            sb.append(path); // the usual case, without per-character work
            return;
        }
        path.codePoints().forEach(cp -> {
            if (cp < 128 && isPathChar((char) cp)) {
                sb.append((char) cp);
            } else {
                percentEncode(sb, cp);
            }
        });
    }

    private static void appendSafeQuery(StringBuilder sb, String query) {
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c > 0x20 && c < 0x7F && c != '#') {
                sb.append(c);
            } else {
                percentEncode(sb, query.codePointAt(i));
                if (Character.isHighSurrogate(c) && i + 1 < query.length()) {
                    i++;
                }
            }
        }
    }

    private static void percentEncode(StringBuilder sb, int codePoint) {
        for (byte b : new String(Character.toChars(codePoint)).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                    .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
        }
    }

    // RFC 3986 pchar plus '/' and '%' (already-encoded input passes through unchanged).
    private static boolean isPathChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@/%".indexOf(c) >= 0;
    }

    @Override
    public String toString() {
        return authority() + basePath + (baseQuery.isEmpty() ? "" : "?" + baseQuery);
    }
}
