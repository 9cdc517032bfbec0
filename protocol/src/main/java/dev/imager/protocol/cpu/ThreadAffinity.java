package dev.imager.protocol.cpu;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * The CPUs a thread may run on, through Linux's {@code sched_getaffinity}/{@code sched_setaffinity} (JNA: Java has no
 * API for it) and the thread ids in {@code /proc/self/task}. Masks are {@link BitSet}s of CPU numbers.
 */
public final class ThreadAffinity {

    /** glibc's {@code cpu_set_t}: 1,024 CPUs. */
    private static final int MASK_LONGS = 16;

    private ThreadAffinity() {
    }

    /** The C library's two calls; loaded on first use. */
    private interface LibC extends Library {
        int sched_getaffinity(int tid, NativeLong size, long[] mask) throws LastErrorException;

        int sched_setaffinity(int tid, NativeLong size, long[] mask) throws LastErrorException;
    }

    private static final class Holder {
        static final LibC LIBC = load();

        private static LibC load() {
            if (!Platform.isLinux()) {
                return null;
            }
            try {
                return Native.load("c", LibC.class);
            } catch (LinkageError | RuntimeException e) {
                return null;
            }
        }
    }

    /** Null when thread affinity can be read and set here; otherwise why not. */
    public static String unavailableReason() {
        if (!Platform.isLinux()) {
            return "not Linux";
        }
        if (Holder.LIBC == null) {
            return "the C library could not be loaded through JNA";
        }
        if (!Files.isDirectory(Path.of("/proc/self/task"))) {
            return "/proc/self/task is not readable";
        }
        return null;
    }

    /** The CPUs the calling thread may run on. */
    public static BitSet current() {
        return of(0);
    }

    /** The CPUs thread {@code tid} of this process may run on (0: the calling thread). */
    public static BitSet of(int tid) {
        long[] mask = new long[MASK_LONGS];
        try {
            Holder.LIBC.sched_getaffinity(tid, new NativeLong(mask.length * 8L), mask);
        } catch (LastErrorException e) {
            throw new IllegalStateException("sched_getaffinity(" + tid + ") failed: errno " + e.getErrorCode(), e);
        }
        return BitSet.valueOf(mask);
    }

    /** Restricts the calling thread to {@code cpus}. */
    public static void pinCurrent(BitSet cpus) {
        if (!set(0, cpus)) {
            throw new IllegalStateException("sched_setaffinity refused CPUs " + cpus + " for this thread");
        }
    }

    /** Restricts thread {@code tid} of this process to {@code cpus}; false when it failed (it may have exited). */
    public static boolean set(int tid, BitSet cpus) {
        long[] mask = new long[MASK_LONGS];
        long[] bits = cpus.toLongArray();
        System.arraycopy(bits, 0, mask, 0, Math.min(bits.length, mask.length));
        try {
            return Holder.LIBC.sched_setaffinity(tid, new NativeLong(mask.length * 8L), mask) == 0;
        } catch (LastErrorException e) {
            return false;
        }
    }

    /**
     * Restricts every thread of this process but those in {@code except} to {@code cpus}; a thread that exits
     * meanwhile is skipped. Threads started later inherit their creator's CPUs.
     */
    public static void setAll(BitSet cpus, Set<Integer> except) {
        for (int tid : processThreads()) {
            if (!except.contains(tid)) {
                set(tid, cpus);
            }
        }
    }

    /** The calling thread's kernel id, from {@code /proc/thread-self} ({@code <pid>/task/<tid>}). */
    public static int currentTid() {
        try {
            return Integer.parseInt(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read this thread's id from /proc/thread-self: " + e, e);
        }
    }

    /** The kernel ids of this process's threads now. */
    public static List<Integer> processThreads() {
        List<Integer> tids = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                tids.add(Integer.parseInt(task.getFileName().toString()));
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot list this process's threads in /proc/self/task: " + e, e);
        }
        return tids;
    }
}
