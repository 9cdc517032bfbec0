package dev.imager.worker.engine;

import dev.imager.protocol.message.HttpVersionChoice;
import io.netty.handler.ssl.SslContext;

/**
 * What every connection pool of an engine connects with. Immutable and shared by the event loops.
 *
 * @param http1Tls TLS for HTTP/1.1 connections (no ALPN, as before HTTP/2 support)
 * @param http2Tls TLS that offers only {@code h2} by ALPN ({@code --http-version 2})
 * @param autoTls TLS that offers {@code h2} then {@code http/1.1} ({@code --http-version auto})
 * @param proxies which targets go through a proxy
 * @param maxStreamsPerConnection our own cap on HTTP/2 streams per connection
 * @param userAgent {@code User-Agent} when a spec sets none
 * @param policy where a redirect may lead
 */
record ConnectionSetup(SslContext http1Tls, SslContext http2Tls, SslContext autoTls, ProxyRules proxies,
        int maxStreamsPerConnection, String userAgent, TargetPolicy policy) {

    /** The TLS context for connections speaking {@code version}. */
    SslContext tls(HttpVersionChoice version) {
        return switch (version) {
            case HTTP_1_1 -> http1Tls;
            case HTTP_2 -> http2Tls;
            case AUTO -> autoTls;
        };
    }
}
