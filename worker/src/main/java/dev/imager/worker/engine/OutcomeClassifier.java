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

    /** 2xx and 3xx are ok (redirects are not followed: their latency is the target's own). */
    static Outcome forStatus(int status) {
        if (status >= 200 && status < 400) {
            return Outcome.OK;
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
