package dev.imager.worker.engine;

import dev.imager.protocol.message.Outcome;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;

/** Maps a response status or a failure cause to the one outcome bucket it belongs in. */
final class OutcomeClassifier {

    private OutcomeClassifier() {
    }

    /**
     * 2xx is ok. A 3xx is ok only when redirects are not followed (it is then the response asked for); when they
     * are, a 3xx that ends a request (no {@code Location}, 304, or one redirect too many) is a failure, as the
     * original imager counted every final status from 300 up.
     */
    static Outcome forStatus(int status, boolean followingRedirects) {
        if (status >= 200 && status < 300) {
            return Outcome.OK;
        }
        if (status >= 300 && status < 400) {
            return followingRedirects ? Outcome.OTHER_ERROR : Outcome.OK;
        }
        if (status >= 400 && status < 500) {
            return Outcome.HTTP_4XX;
        }
        if (status >= 500 && status < 600) {
            return Outcome.HTTP_5XX;
        }
        return Outcome.OTHER_ERROR;
    }

    /** Connection-establishment failures (including TLS handshakes) are connect errors; the rest other. */
    static Outcome forFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof ConnectTimeoutException
                    || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof SSLHandshakeException) {
                return Outcome.CONNECT_ERROR;
            }
        }
        return Outcome.OTHER_ERROR;
    }
}
