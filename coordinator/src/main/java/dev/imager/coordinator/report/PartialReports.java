package dev.imager.coordinator.report;

import dev.imager.coordinator.run.FinishedRun;
import dev.imager.coordinator.run.RunListener;
import dev.imager.protocol.DaemonThreadFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps report.json and report.html in {@code --report-dir} up to date while a run goes on: every snapshot of the
 * run ({@link RunListener#onSnapshot}) becomes a report marked partial, written atomically ({@link ReportFiles}) on
 * a thread of its own, so the control thread never waits on a disk. A crash, SIGKILL or OOM kill of the process
 * leaves the last snapshot; the final report replaces it. A snapshot that comes while the previous one is still
 * being written is skipped (the next one has everything it had).
 */
public final class PartialReports implements RunListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PartialReports.class);
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final ReportCollector collector;
    private final Optional<Path> dir;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            new DaemonThreadFactory("imager-report-writer"));
    private final AtomicBoolean writing = new AtomicBoolean();
    private volatile boolean closed;
    private boolean failing;

    /** Partial reports of {@code collector}'s run into {@code dir}; none when it is empty. */
    public PartialReports(ReportCollector collector, Optional<Path> dir) {
        this.collector = collector;
        this.dir = dir;
    }

    @Override
    public void onSnapshot(FinishedRun soFar) {
        if (dir.isEmpty() || closed || !writing.compareAndSet(false, true)) {
            return;
        }
        // Built here, on the caller's thread, from the collector's rows; only the writing happens elsewhere.
        RunReport report = collector.build(soFar).asPartial();
        writer.execute(() -> {
            try {
                ReportFiles.write(report, dir.get());
                if (failing) {
                    LOG.info("partial report written again to {}", dir.get());
                    failing = false;
                }
            } catch (IOException | RuntimeException e) {
                if (!failing) {
                    LOG.warn("cannot write the partial report (will keep trying every snapshot): {}", e.getMessage());
                    failing = true;
                }
            } finally {
                writing.set(false);
            }
        });
    }

    /** Stops writing snapshots and waits for one in progress, so none can overwrite the final report. */
    @Override
    public void close() {
        closed = true;
        writer.shutdown();
        try {
            if (!writer.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                writer.shutdownNow();
                LOG.warn("a partial report was still being written after {} s", CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            writer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
