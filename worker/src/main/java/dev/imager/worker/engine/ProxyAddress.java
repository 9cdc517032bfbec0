package dev.imager.worker.engine;

import java.util.Objects;

/**
 * An HTTP proxy that requests to some targets go through.
 *
 * @param host the proxy's host name or IP literal (IPv6 without brackets)
 * @param port its port
 * @param authorization the {@code Proxy-Authorization} header value from the proxy URL's user info, or null
 */
public record ProxyAddress(String host, int port, String authorization) {

    public ProxyAddress {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("proxy port must be 1..65535, got " + port);
        }
    }

    @Override
    public String toString() {
        // Never the credentials: this is logged.
        return "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
