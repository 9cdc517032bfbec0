package dev.imager.worker.engine;

import io.netty.util.NetUtil;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which targets go through which HTTP proxy, decided as Go's {@code http.ProxyFromEnvironment} decides it (the
 * original imager's load client used it):
 * <ul>
 * <li>{@code HTTP_PROXY} for http targets, {@code HTTPS_PROXY} for https targets (each also lower-case; the
 *     upper-case one wins; {@code HTTP_PROXY} is ignored when {@code REQUEST_METHOD} is set, as in a CGI
 *     process). A value without a scheme means {@code http://}.</li>
 * <li>Never for {@code localhost} or a loopback IP literal.</li>
 * <li>Not for targets {@code NO_PROXY} (or {@code no_proxy}) names: a comma-separated list of {@code *} (nothing
 *     is proxied), IP addresses, CIDR ranges, and domain names, each optionally with {@code :port}; a domain
 *     {@code example.com} matches itself and its subdomains, {@code .example.com} and {@code *.example.com} only
 *     subdomains.</li>
 * </ul>
 * The worker's {@code --proxy} URL replaces both variables and, being asked for explicitly, applies to loopback
 * targets too; {@code NO_PROXY} still applies. Only {@code http://} proxies are supported (https targets go
 * through them by {@code CONNECT}); a value that is not one is refused at start-up rather than at the first
 * request. Immutable and thread-safe.
 */
public final class ProxyRules {

    /** Every target direct. */
    public static final ProxyRules DIRECT = new ProxyRules(null, null, false, List.of(), false);

    private final ProxyAddress httpProxy;
    private final ProxyAddress httpsProxy;
    private final boolean loopbackToo;
    private final List<Exclusion> exclusions;
    private final boolean excludeAll;

    private ProxyRules(ProxyAddress httpProxy, ProxyAddress httpsProxy, boolean loopbackToo,
            List<Exclusion> exclusions, boolean excludeAll) {
        this.httpProxy = httpProxy;
        this.httpsProxy = httpsProxy;
        this.loopbackToo = loopbackToo;
        this.exclusions = exclusions;
        this.excludeAll = excludeAll;
    }

    /**
     * The rules of an environment ({@code System.getenv()}) and the {@code --proxy} flag (null or empty when not
     * given).
     *
     * @throws IllegalArgumentException naming the variable or flag whose value is not a usable proxy URL
     */
    public static ProxyRules of(Map<String, String> env, String proxyFlag) {
        boolean cgi = !env.getOrDefault("REQUEST_METHOD", "").isEmpty();
        ProxyAddress http;
        ProxyAddress https;
        boolean loopbackToo = proxyFlag != null && !proxyFlag.isEmpty();
        if (loopbackToo) {
            http = parse("--proxy", proxyFlag);
            https = http;
        } else {
            http = cgi ? null : parse(env, "HTTP_PROXY", "http_proxy");
            https = parse(env, "HTTPS_PROXY", "https_proxy");
        }
        String noProxy = first(env, "NO_PROXY", "no_proxy");
        List<Exclusion> exclusions = new ArrayList<>();
        for (String raw : noProxy.split(",")) {
            String entry = raw.strip().toLowerCase(Locale.ROOT);
            if (entry.equals("*")) {
                return new ProxyRules(http, https, loopbackToo, List.of(), true);
            }
            Exclusion e = Exclusion.parse(entry);
            if (e != null) {
                exclusions.add(e);
            }
        }
        return new ProxyRules(http, https, loopbackToo, List.copyOf(exclusions), false);
    }

    /** The proxy requests to {@code target} go through, or null to connect directly. */
    public ProxyAddress proxyFor(TargetAddress target) {
        ProxyAddress proxy = target.tls() ? httpsProxy : httpProxy;
        if (proxy == null || excludeAll) {
            return null;
        }
        String host = target.host().toLowerCase(Locale.ROOT);
        byte[] ip = ipLiteral(host);
        if (!loopbackToo && (host.equals("localhost") || (ip != null && isLoopback(ip)))) {
            return null;
        }
        for (Exclusion e : exclusions) {
            if (e.matches(host, ip, target.port())) {
                return null;
            }
        }
        return proxy;
    }

    /** True when no target can go through a proxy. */
    public boolean isDirect() {
        return excludeAll || (httpProxy == null && httpsProxy == null);
    }

    /** For the start-up log: the proxies in use, without credentials. */
    @Override
    public String toString() {
        if (isDirect()) {
            return "direct";
        }
        return "http targets via " + (httpProxy == null ? "direct" : httpProxy) + ", https targets via "
                + (httpsProxy == null ? "direct" : httpsProxy) + (exclusions.isEmpty() ? "" : ", " + exclusions.size()
                + " NO_PROXY entries") + (loopbackToo ? "" : ", loopback direct");
    }

    private static String first(Map<String, String> env, String upper, String lower) {
        String v = env.get(upper);
        if (v == null || v.isEmpty()) {
            v = env.get(lower);
        }
        return v == null ? "" : v;
    }

    private static ProxyAddress parse(Map<String, String> env, String upper, String lower) {
        String value = first(env, upper, lower);
        if (value.isEmpty()) {
            return null;
        }
        String name = env.get(upper) != null && !env.get(upper).isEmpty() ? upper : lower;
        return parse(name, value);
    }

    private static ProxyAddress parse(String source, String value) {
        String url = value.contains("://") ? value : "http://" + value;
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(source + ": '" + value + "' is not a proxy URL: " + e.getReason(), e);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException(source + ": proxy scheme '" + uri.getScheme()
                    + "' is not supported; use an http:// proxy (https targets go through it by CONNECT)");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException(source + ": '" + value + "' names no proxy host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String authorization = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            String credentials = URLDecoder.decode(parts[0], StandardCharsets.UTF_8) + ":"
                    + (parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            authorization = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        }
        return new ProxyAddress(host, uri.getPort() >= 0 ? uri.getPort() : 80, authorization);
    }

    /** The address of an IP literal (IPv4-mapped IPv6 as IPv4), or null for a name. */
    static byte[] ipLiteral(String host) {
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(host);
        if (ip != null && ip.length == 16 && isV4Mapped(ip)) {
            return Arrays.copyOfRange(ip, 12, 16);
        }
        return ip;
    }

    private static boolean isV4Mapped(byte[] ip) {
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return ip[10] == (byte) 0xFF && ip[11] == (byte) 0xFF;
    }

    private static boolean isLoopback(byte[] ip) {
        if (ip.length == 4) {
            return ip[0] == 127;
        }
        for (int i = 0; i < 15; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return ip[15] == 1;
    }

    /** One {@code NO_PROXY} entry: an address range or a domain, with an optional port. */
    private record Exclusion(byte[] network, int prefixBits, String domain, boolean matchesItself, int port) {

        /** The entry, or null when it is empty or malformed (Go ignores those too). */
        static Exclusion parse(String entry) {
            if (entry.isEmpty()) {
                return null;
            }
            int slash = entry.indexOf('/');
            if (slash > 0) {
                byte[] ip = ipLiteral(entry.substring(0, slash));
                try {
                    int bits = Integer.parseInt(entry.substring(slash + 1));
                    return ip == null || bits < 0 || bits > ip.length * 8 ? null : new Exclusion(ip, bits, null, false, -1);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            String host = entry;
            int port = -1;
            int colon = entry.lastIndexOf(':');
            boolean bracketed = entry.startsWith("[");
            if (colon > 0 && (bracketed ? entry.lastIndexOf(']') == colon - 1 : entry.indexOf(':') == colon)) {
                try {
                    port = Integer.parseInt(entry.substring(colon + 1));
                } catch (NumberFormatException e) {
                    return null;
                }
                host = entry.substring(0, colon);
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            byte[] ip = ipLiteral(host);
            if (ip != null) {
                return new Exclusion(ip, ip.length * 8, null, false, port);
            }
            if (host.isEmpty()) {
                return null;
            }
            if (host.startsWith("*.")) {
                host = host.substring(1);
            }
            boolean itself = host.charAt(0) != '.';
            return new Exclusion(null, 0, itself ? "." + host : host, itself, port);
        }

        boolean matches(String host, byte[] ip, int targetPort) {
            if (port >= 0 && port != targetPort) {
                return false;
            }
            if (network != null) {
                return ip != null && ip.length == network.length && inPrefix(ip);
            }
            return host.endsWith(domain) || (matchesItself && host.equals(domain.substring(1)));
        }

        private boolean inPrefix(byte[] ip) {
            int full = prefixBits / 8;
            for (int i = 0; i < full; i++) {
                if (ip[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (ip[full] & mask) == (network[full] & mask);
        }
    }
}
