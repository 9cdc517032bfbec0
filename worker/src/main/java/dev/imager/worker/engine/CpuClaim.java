package dev.imager.worker.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * This process's claim on CPUs for its event loops, so that two imager processes on one machine (two workers, or a
 * worker beside {@code ./imager run}) do not pin their loops to the same CPU: one lock file per CPU in the temporary
 * directory, locked while held. The kernel drops the locks when the process dies, so a crash leaves no stale claim.
 */
final class CpuClaim implements AutoCloseable {

    private final List<FileChannel> channels;

    private CpuClaim(List<FileChannel> channels) {
        this.channels = channels;
    }

    /** Claims every CPU of {@code cpus}, or none: null when another process holds one of them. */
    static CpuClaim tryClaim(Path dir, List<Integer> cpus) {
        List<FileChannel> held = new ArrayList<>();
        try {
            for (int cpu : cpus) {
                FileChannel channel = FileChannel.open(dir.resolve("imager-loop-cpu-" + cpu + ".lock"),
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
            closeAll(held);
            return null;
        }
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
