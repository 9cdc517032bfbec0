package dev.imager.coordinator.run;

import dev.imager.protocol.DaemonThreadFactory;
import dev.imager.protocol.cpu.CpuClaim;
import dev.imager.protocol.cpu.CpuPinning;
import dev.imager.protocol.cpu.ThreadAffinity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Distributed mode on a machine it shares with workers (a laptop, one VM): keeps every thread of the coordinator off
 * the CPUs that imager workers there pinned their event loops to ({@code imager worker --cpu-pinning}), so that the
 * coordinator's planning and result merging do not preempt a loop at its planned instants. Workers claim their CPUs
 * with lock files ({@link CpuClaim}); this reads the claims every second and moves the coordinator's threads to the
 * CPUs left (never to none), and back when the claims go.
 */
final class CpuStepAside implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CpuStepAside.class);
    static final Duration INTERVAL = Duration.ofSeconds(1);

    private final Path claims;
    private final BitSet allowed;
    private BitSet placed;
    private ScheduledExecutorService timer;

    CpuStepAside(Path claims, BitSet allowed) {
        this.claims = claims;
        this.allowed = (BitSet) allowed.clone();
        this.placed = (BitSet) allowed.clone();
    }

    /**
     * Starts reading the claims in the temporary directory, unless {@code mode} is off, thread affinity cannot be
     * set here, or (in {@code auto}) this process does not own its CPUs, as in a pod under a CPU quota, where no
     * worker pins beside it; null then.
     */
    static CpuStepAside start(CpuPinning mode) {
        if (mode == CpuPinning.OFF) {
            return null;
        }
        String unavailable = ThreadAffinity.unavailableReason();
        if (unavailable != null) {
            LOG.debug("not watching for workers' pinned CPUs: {}", unavailable);
            return null;
        }
        return start(mode, Path.of(System.getProperty("java.io.tmpdir")), ThreadAffinity.current(),
                Runtime.getRuntime().availableProcessors());
    }

    /** {@link #start(CpuPinning)} for a process that may run on {@code allowed}, the JVM counting {@code available}. */
    static CpuStepAside start(CpuPinning mode, Path claims, BitSet allowed, int available) {
        String notOwned = CpuPinning.notOwned(allowed.cardinality(), available);
        if (mode == CpuPinning.AUTO && notOwned != null) {
            LOG.debug("not watching for workers' pinned CPUs: {}", notOwned);
            return null;
        }
        CpuStepAside stepAside = new CpuStepAside(claims, allowed);
        stepAside.timer = Executors.newSingleThreadScheduledExecutor(new DaemonThreadFactory("imager-cpu-step-aside"));
        stepAside.timer.scheduleWithFixedDelay(stepAside::check, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return stepAside;
    }

    /** Reads the claims once and moves this process's threads if they changed. */
    synchronized void check() {
        try {
            place();
        } catch (RuntimeException e) {
            // /proc unreadable for a moment, a mask refused: keep the schedule (an exception would end it) and the
            // threads where they are; the next check tries again.
            LOG.debug("cannot check the workers' CPU claims: {}", e.toString());
        }
    }

    private void place() {
        BitSet target = (BitSet) allowed.clone();
        target.andNot(CpuClaim.claimedByOthers(claims, allowed));
        if (target.isEmpty()) {
            target = (BitSet) allowed.clone(); // every CPU claimed: running somewhere beats running nowhere
        }
        if (target.equals(placed)) {
            return;
        }
        ThreadAffinity.setAll(target, Set.of());
        placed = target;
        if (target.equals(allowed)) {
            LOG.info("coordinator threads back on CPU(s) {}", target);
        } else {
            BitSet claimed = (BitSet) allowed.clone();
            claimed.andNot(target);
            LOG.info("coordinator threads kept off CPU(s) {}, where imager workers on this machine pinned their event "
                    + "loops; now on {}", claimed, target);
        }
    }

    /** Stops watching; the threads go back on every CPU they had. */
    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (!placed.equals(allowed)) {
            ThreadAffinity.setAll(allowed, Set.of());
            placed = (BitSet) allowed.clone();
        }
    }
}
