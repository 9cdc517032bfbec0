package dev.imager.worker.engine;

import dev.imager.protocol.message.RequestSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The next request of a followed redirect, by the rules of Go's {@code http.Client}, which the original imager
 * used: 301, 302 and 303 turn any method but GET and HEAD into GET and drop the body; 307 and 308 repeat the
 * method and body. The {@code Location} is resolved against the URL just requested (RFC 3986). Headers go along,
 * except that a {@code Host} override survives only a relative {@code Location}, credentials and cookies
 * ({@code Authorization}, {@code Www-Authenticate}, {@code Cookie}, {@code Cookie2}) are dropped when the host
 * changes to one that is not the same domain or a subdomain of it, and a {@code Referer} naming the previous URL
 * is added unless the spec sets one or the redirect goes from https to http.
 *
 * <p>Built only when a request is redirected, so its allocations stay off the common path.
 *
 * @param target where the next request goes (its base path is empty: the path is all in {@code spec})
 * @param spec the next request
 */
record Redirect(TargetAddress target, RequestSpec spec) {

    private static final Set<String> CREDENTIALS = Set.of("authorization", "www-authenticate", "cookie", "cookie2");

    /** True for the statuses that are followed when the response names a {@code Location}. */
    static boolean followable(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * The request that follows a {@code status} response carrying {@code location} to {@code spec} at
     * {@code from}.
     *
     * @throws IllegalArgumentException when the location is not an http(s) URL (the request then fails)
     */
    static Redirect of(TargetAddress from, RequestSpec spec, int status, String location) {
        URI base;
        URI reference;
        try {
            base = new URI(from.authority() + from.requestUri(spec.path(), spec.queryString()));
            reference = new URI(escape(location.strip()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Location '" + location + "' is not a URL: " + e.getReason(), e);
        }
        URI next = resolve(base, reference);
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("Location '" + location + "' is not an http(s) URL");
        }
        if (next.getHost() == null || next.getHost().isEmpty()) {
            throw new IllegalArgumentException("Location '" + location + "' has no host");
        }
        String authority = next.getRawAuthority();
        int at = authority.lastIndexOf('@');
        TargetAddress target = TargetAddress.parse(scheme + "://" + (at < 0 ? authority : authority.substring(at + 1)));

        boolean keepBody = status == 307 || status == 308;
        String method = keepBody || spec.method().equals("GET") || spec.method().equals("HEAD") ? spec.method() : "GET";
        Map<String, List<String>> headers = new LinkedHashMap<>();
        boolean sameSite = sameDomainOrSubdomain(target.host(), from.host());
        boolean referer = false;
        for (Map.Entry<String, List<String>> h : spec.headers().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if ((name.equals("host") && reference.getScheme() != null) || (!sameSite && CREDENTIALS.contains(name))) {
                continue;
            }
            referer |= name.equals("referer");
            headers.put(h.getKey(), h.getValue());
        }
        if (!referer && !(from.tls() && !target.tls())) {
            headers.put("Referer", List.of(base.toString()));
        }
        String path = next.getRawPath() == null || next.getRawPath().isEmpty() ? "/" : next.getRawPath();
        String query = next.getRawQuery() == null ? "" : next.getRawQuery();
        return new Redirect(target, new RequestSpec(method, path, query, headers, keepBody ? spec.body() : ""));
    }

    // java.net.URI follows RFC 2396, which resolves a query-only reference against the base's directory; RFC 3986
    // (and Go) keep the base path.
    private static URI resolve(URI base, URI reference) {
        if (reference.getScheme() == null && reference.getRawAuthority() == null
                && (reference.getRawPath() == null || reference.getRawPath().isEmpty())) {
            String query = reference.getRawQuery() != null ? "?" + reference.getRawQuery()
                    : base.getRawQuery() != null ? "?" + base.getRawQuery() : "";
            return URI.create(base.getScheme() + "://" + base.getRawAuthority() + base.getRawPath() + query);
        }
        return base.resolve(reference).normalize();
    }

    /** Go's rule for keeping credentials: the new host is the old one or a subdomain of it. */
    static boolean sameDomainOrSubdomain(String to, String from) {
        String a = to.toLowerCase(Locale.ROOT);
        String b = from.toLowerCase(Locale.ROOT);
        // A host with ':' is an IPv6 literal, never a subdomain of anything.
        return a.equals(b) || (a.indexOf(':') < 0 && a.endsWith("." + b));
    }

    // Percent-encodes what servers put in Location headers but java.net.URI refuses (spaces, non-ASCII, and a few
    // punctuation characters Go's parser lets through).
    private static String escape(String location) {
        StringBuilder sb = null;
        for (int i = 0; i < location.length(); i++) {
            char c = location.charAt(i);
            boolean bad = c <= 0x20 || c >= 0x7F || "\"<>\\^`{|}".indexOf(c) >= 0;
            if (bad && sb == null) {
                sb = new StringBuilder(location.length() + 16).append(location, 0, i);
            }
            if (sb != null) {
                if (bad) {
                    int cp = location.codePointAt(i);
                    for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                        sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                                .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                    }
                    i += Character.charCount(cp) - 1;
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? location : sb.toString();
    }
}
