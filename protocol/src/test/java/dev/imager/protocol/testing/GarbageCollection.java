package dev.imager.protocol.testing;

import java.lang.ref.WeakReference;

/** Makes the JVM collect garbage for a test that must see what a collection clears (weak references). */
public final class GarbageCollection {

    private static final int MAX_ATTEMPTS = 50;

    private GarbageCollection() {
    }

    /**
     * Calls {@link System#gc()} until an object only weakly reachable has been cleared (at most
     * {@value #MAX_ATTEMPTS} times): after this, whatever only a weak reference held is gone.
     *
     * @throws AssertionError when the JVM did not clear the weak reference (a test cannot conclude anything)
     */
    public static void collect() {
        WeakReference<Object> canary = new WeakReference<>(new Object());
        for (int i = 0; i < MAX_ATTEMPTS && canary.get() != null; i++) {
            System.gc();
            Thread.onSpinWait();
        }
        if (canary.get() != null) {
            throw new AssertionError("System.gc() did not clear a weak reference in " + MAX_ATTEMPTS + " attempts");
        }
    }
}
