package dev.imager.protocol.target;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * What a target may be, and how a request's path and query string combine with it: the one rule the coordinator
 * applies to {@code -target-url} at start-up and every worker applies to each job's targets, so that a target the
 * coordinator accepts is never one a worker refuses.
 *
 * <p>A target is an absolute {@code http} or {@code https} URL with a host, an optional port (1..65535), an
 * optional base path and an optional query, e.g. {@code https://api.example.com/v1?tenant=a}. Refused: other
 * schemes, no host, a {@code #fragment} (never sent in HTTP) and user info ({@code user:password@}, which imager
 * would not send; put credentials in a request header).
 *
 * <p>A request ({@code path}, {@code queryString} of the request file) is sent to:
 * <ul>
 *   <li>path: the base path, then the request path (a leading {@code /} not doubled; an empty one gives the base
 *       path with a trailing {@code /}), where every run of {@code /} becomes one and dot segments are removed
 *       (RFC 3986 §5.2.4), as the original's resolution did; unlike it, an absolute request path does not
 *       replace the base path: base {@code /v1} and {@code /sum} give {@code /v1/sum};</li>
 *   <li>query: the target's query first, then the request's, joined with {@code &}
 *       ({@code ?tenant=a} and {@code a=1&b=2} give {@code ?tenant=a&a=1&b=2}); either alone when the other is
 *       empty. The original dropped the target's query.</li>
 * </ul>
 *
 * @param scheme {@code http} or {@code https}, lower case
 * @param host host name or IP literal (IPv6 without brackets)
 * @param port the explicit port, or the scheme's default
 * @param basePath the base path as given (percent-encoding kept), normalised, without trailing slashes; "" for none
 * @param query the query as given, without {@code ?}; "" for none
 */
public record TargetUrl(String scheme, String host, int port, String basePath, String query) {

    private static final String ABSOLUTE = "must be an absolute http:// or https:// URL with a host, e.g. "
            + "http://localhost:8080";

    /**
     * Parses a target.
     *
     * @throws IllegalArgumentException {@code "target " + } {@link #problem} when {@code url} is not one
     */
    public static TargetUrl parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid(ABSOLUTE + " (" + e.getReason() + ")", url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if ((scheme.equals("http") || scheme.equals("https")) && host == null && uri.getRawAuthority() != null) {
            // java.net.URI finds no host in a name it cannot take as one (an underscore, say): say that, not "no host".
            throw invalid("has no valid host name in \"" + uri.getRawAuthority() + "\" (letters, digits, '-' and '.'; "
                    + "an IPv6 address in brackets)", url);
        }
        if (!scheme.equals("http") && !scheme.equals("https") || host == null || host.isEmpty()) {
            throw invalid(ABSOLUTE, url);
        }
        if (uri.getRawFragment() != null) {
            throw invalid("must not contain a #fragment", url);
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid("must not contain user info (user:password@); send credentials in a request header", url);
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            throw invalid("must have a port in 1..65535", url);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String path = normalisePath(uri.getRawPath() == null ? "" : uri.getRawPath());
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        return new TargetUrl(scheme, host, port, path.substring(0, end), query);
    }

    /**
     * Why {@code url} cannot be a target, if it cannot: the words after the name of what holds it, e.g.
     * {@code must not contain a #fragment, got "http://h/#x"}.
     */
    public static Optional<String> problem(String url) {
        try {
            parse(url);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage().substring("target ".length()));
        }
    }

    private static IllegalArgumentException invalid(String problem, String url) {
        return new IllegalArgumentException("target " + problem + ", got \"" + url + "\"");
    }

    /** The target as sent to workers: lower-case scheme, port only when not the scheme's default, normalised path. */
    public String text() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        boolean defaultPort = scheme.equals("https") ? port == 443 : port == 80;
        return scheme + "://" + h + (defaultPort ? "" : ":" + port) + basePath + (query.isEmpty() ? "" : "?" + query);
    }

    /**
     * The path a request is sent to: {@code basePath} joined with {@code requestPath}, slashes collapsed and dot
     * segments removed. Characters are left as they are: encoding them for the request line is the sender's job.
     */
    public static String joinPath(String basePath, String requestPath) {
        String joined;
        if (!requestPath.startsWith("/")) {
            joined = basePath + "/" + requestPath;
        } else {
            joined = basePath.isEmpty() ? requestPath : basePath + requestPath;
        }
        return normalisePath(joined);
    }

    /** The query a request is sent with: the target's, then the request's, joined with {@code &}; "" for none. */
    public static String joinQuery(String baseQuery, String requestQuery) {
        if (baseQuery.isEmpty()) {
            return requestQuery;
        }
        return requestQuery.isEmpty() ? baseQuery : baseQuery + "&" + requestQuery;
    }

    /** {@code path} with every run of {@code /} made one and dot segments removed; "" stays "". */
    static String normalisePath(String path) {
        if (path.indexOf("//") < 0 && path.indexOf("/.") < 0 && !path.startsWith(".")) {
            return path; // the usual case, without per-segment work
        }
        String[] segments = path.split("/", -1);
        StringBuilder out = new StringBuilder(path.length());
        int[] starts = new int[segments.length + 1];
        int depth = 0;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals(".") || segment.equals("..")) {
                if (segment.equals("..") && depth > 0) {
                    out.setLength(starts[--depth]);
                }
                if (last) {
                    out.append('/'); // "/a/b/.." is the directory "/a/"
                }
            } else if (!segment.isEmpty() || last && i > 0) {
                starts[depth++] = out.length();
                out.append('/').append(segment);
            }
        }
        return out.length() == 0 ? path.isEmpty() ? "" : "/" : out.toString();
    }
}
