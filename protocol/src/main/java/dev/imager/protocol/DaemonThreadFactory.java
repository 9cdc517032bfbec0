package dev.imager.protocol;

import java.util.concurrent.ThreadFactory;

/**
 * Daemon threads with one fixed name, for the single-thread executors of imager's processes: named so
 * thread dumps say whose they are, daemon so none of them keeps a JVM alive after its owner is closed.
 *
 * @param name the name of every thread made
 */
public record DaemonThreadFactory(String name) implements ThreadFactory {

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
