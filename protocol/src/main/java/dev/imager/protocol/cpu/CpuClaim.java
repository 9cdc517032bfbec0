package dev.imager.protocol.cpu;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * This process's claim on CPUs for its event loops, so that two imager processes on one machine (two workers, or a
 * worker beside {@code ./imager run}) do not pin their loops to the same CPU: one lock file per CPU in the temporary
 * directory, locked while held. The kernel drops the locks when the process dies, so a crash leaves no stale claim.
 * A coordinator on the same machine reads the claims ({@link #claimedByOthers}) to keep its own threads off them.
 */
public final class CpuClaim implements AutoCloseable {

    private final List<FileChannel> channels;

    private CpuClaim(List<FileChannel> channels) {
        this.channels = channels;
    }

    /**
     * Claims every CPU of {@code cpus}, or none: null when another process holds one of them (an empty claim when
     * the directory cannot hold lock files).
     */
    public static CpuClaim tryClaim(Path dir, List<Integer> cpus) {
        List<FileChannel> held = new ArrayList<>();
        try {
            for (int cpu : cpus) {
                FileChannel channel = FileChannel.open(lockFile(dir, cpu),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                held.add(channel);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // this JVM holds it already (another engine in the same process)
                }
                if (lock == null) {
                    closeAll(held);
                    return null;
                }
            }
            return new CpuClaim(held);
        } catch (IOException e) {
            // No writable temporary directory (a read-only container file system): no other process can claim
            // there either, so there is nothing to coordinate with; pin without a claim.
            closeAll(held);
            return new CpuClaim(List.of());
        }
    }

    /**
     * The CPUs of {@code cpus} whose claim another process holds now, read from {@code /proc/locks} (the lock's file
     * by inode, its holder by pid) without touching the locks: trying them could make a worker starting at that
     * instant find its CPU taken.
     */
    public static BitSet claimedByOthers(Path dir, BitSet cpus) {
        BitSet claimed = new BitSet();
        List<String> locks;
        try {
            locks = Files.readAllLines(Path.of("/proc/locks"));
        } catch (IOException e) {
            return claimed;
        }
        long self = ProcessHandle.current().pid();
        for (int cpu = cpus.nextSetBit(0); cpu >= 0; cpu = cpus.nextSetBit(cpu + 1)) {
            Path file = lockFile(dir, cpu);
            long inode;
            try {
                inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                continue; // no such claim file: never claimed
            }
            if (heldByOther(locks, inode, self)) {
                claimed.set(cpu);
            }
        }
        return claimed;
    }

    // A /proc/locks line: "1: POSIX  ADVISORY  WRITE 1234 08:01:5678 0 EOF" (pid, device major:minor:inode).
    static boolean heldByOther(List<String> locks, long inode, long self) {
        for (String line : locks) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 6 || f[1].equals("->")) {
                continue; // malformed, or a waiter's line
            }
            String[] id = f[5].split(":");
            try {
                if (id.length == 3 && Long.parseLong(id[2]) == inode && Long.parseLong(f[4]) != self) {
                    return true;
                }
            } catch (NumberFormatException e) {
                // not a lock line of this shape
            }
        }
        return false;
    }

    private static Path lockFile(Path dir, int cpu) {
        return dir.resolve("imager-loop-cpu-" + cpu + ".lock");
    }

    @Override
    public void close() {
        closeAll(channels);
    }

    private static void closeAll(List<FileChannel> channels) {
        for (FileChannel c : channels) {
            try {
                c.close(); // releases its lock
            } catch (IOException ignored) {
                // nothing held any more either way
            }
        }
    }
}
