package dev.imager.protocol.cli;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into an orderly stop with exit code 0: a JVM shutdown hook alone would drain
 * too, but the process would then exit with 143 (128 + SIGTERM), which Kubernetes and CI read as a failure.
 */
public final class TerminationSignals {

    private final CountDownLatch received = new CountDownLatch(1);
    private volatile String name;

    private TerminationSignals() {
    }

    /** Handles SIGTERM and SIGINT from now on; where signals cannot be handled, the JVM default stays. */
    public static TerminationSignals install() {
        TerminationSignals signals = new TerminationSignals();
        for (String signal : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(signal), s -> {
                    signals.name = "SIG" + s.getName();
                    signals.received.countDown();
                });
            } catch (IllegalArgumentException unsupported) {
                // e.g. INT under some launchers: keep the default behaviour for it.
            }
        }
        return signals;
    }

    /** Blocks until a signal arrives. */
    public void await() throws InterruptedException {
        received.await();
    }

    /** The signal received ("SIGTERM" or "SIGINT"), or null. */
    public String name() {
        return name;
    }
}
