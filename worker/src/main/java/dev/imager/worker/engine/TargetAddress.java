package dev.imager.worker.engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A parsed target base URL such as {@code http://127.0.1.7:8080} or {@code https://api.example.com/v1}.
 *
 * <p>Request paths are joined to the base path: base {@code /v1} and request {@code /sum} give
 * {@code /v1/sum}. (The original imager resolved them as RFC 3986 references, so an absolute request path
 * silently discarded the base path; joining is what users of a base URL with a path expect.)
 *
 * @param scheme {@code http} or {@code https}
 * @param host host name or IP literal (IPv6 without brackets)
 * @param port explicit or default port
 * @param basePath base path without a trailing slash ("" for none)
 */
public record TargetAddress(String scheme, String host, int port, String basePath) {

    /**
     * Parses an absolute http(s) base URL.
     *
     * @throws IllegalArgumentException with a message naming the URL when it is not one
     */
    public static TargetAddress parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("target '" + url + "' is not a valid URL: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("target '" + url + "' must be an absolute http:// or https:// URL");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("target '" + url + "' has no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("target '" + url + "' must not have a query or fragment");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : ("https".equals(scheme) ? 443 : 80);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new TargetAddress(scheme, host, port, path);
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
     * The request-target for the request line: base path joined with {@code path} (made absolute and
     * percent-encoded where it holds characters not allowed in a URI path), then {@code ?queryString}
     * verbatim when not empty, except that spaces, control characters and non-ASCII are percent-encoded:
     * they could not stand in a request line (and a line break there would inject headers).
     */
    public String requestUri(String path, String queryString) {
        StringBuilder sb = new StringBuilder(basePath.length() + path.length() + queryString.length() + 2);
        sb.append(basePath);
        if (path.isEmpty() || path.charAt(0) != '/') {
            sb.append('/');
        }
        appendEncodedPath(sb, path);
        if (!queryString.isEmpty()) {
            sb.append('?');
            appendSafeQuery(sb, queryString);
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
            if (c > 0x20 && c < 0x7F) {
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
        return authority() + basePath;
    }
}
