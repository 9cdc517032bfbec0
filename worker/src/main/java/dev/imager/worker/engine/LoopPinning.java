package dev.imager.worker.engine;

import dev.imager.protocol.cpu.CpuPinning;
import dev.imager.protocol.cpu.CpuClaim;
import dev.imager.protocol.cpu.ThreadAffinity;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An engine's event loops on CPUs of their own ({@link CpuPinning}): loop i on one CPU, the process's other threads
 * on the CPUs left, so that they cannot wake on a loop's CPU and preempt it. Applied when the engine starts and
 * undone when it closes (every thread of the process back on the CPUs it had); threads started later inherit their
 * creator's CPUs, so they join the others.
 */
final class LoopPinning implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoopPinning.class);

    /**
     * Engines pinned now in this process, and the CPUs the process had before the first, with the JVM's count of
     * them then (the JVM counts the calling thread's CPUs: once pinned, the other threads see one loop's fewer).
     */
    private static int pinnedEngines;
    private static BitSet processCpus;
    private static int processAvailable;

    private final boolean pinned;
    private final CpuClaim claim;
    private final String description;

    private LoopPinning(boolean pinned, CpuClaim claim, String description) {
        this.pinned = pinned;
        this.claim = claim;
        this.description = description;
    }

    private static LoopPinning notPinned(String why) {
        return new LoopPinning(false, null, "event loops not pinned to CPUs: " + why);
    }

    /**
     * Where the loops go, or why they are not pinned.
     *
     * @param loopCpus one CPU per loop, empty when not pinning
     * @param others the CPUs for every other thread
     * @param skipped why not pinning (null when pinning)
     */
    record Plan(List<Integer> loopCpus, BitSet others, String skipped) {

        static Plan skip(String why) {
            return new Plan(List.of(), new BitSet(), why);
        }
    }

    /**
     * Decides the placement of {@code loops} loops for a process that may run on {@code allowed} and that the JVM
     * counts {@code availableProcessors} for: the loops take the last CPUs of {@code allowed}, the others the rest.
     *
     * @throws IllegalArgumentException for {@link CpuPinning#ON} when there are not more CPUs than loops
     */
    static Plan plan(CpuPinning mode, BitSet allowed, int availableProcessors, int loops) {
        int cpus = allowed.cardinality();
        if (mode == CpuPinning.OFF) {
            return Plan.skip("--cpu-pinning off");
        }
        String why = CpuPinning.tooFewCpus(loops, cpus);
        if (why != null) {
            if (mode == CpuPinning.ON) {
                throw new IllegalArgumentException("--cpu-pinning on: " + why + " (use fewer --event-loops)");
            }
            return Plan.skip(why);
        }
        String notOwned = CpuPinning.notOwned(cpus, availableProcessors);
        if (mode == CpuPinning.AUTO && notOwned != null) {
            return Plan.skip(notOwned + ": pinning would tie loops to CPUs others use too");
        }
        List<Integer> all = new ArrayList<>();
        for (int cpu = allowed.nextSetBit(0); cpu >= 0; cpu = allowed.nextSetBit(cpu + 1)) {
            all.add(cpu);
        }
        List<Integer> loopCpus = List.copyOf(all.subList(all.size() - loops, all.size()));
        BitSet others = (BitSet) allowed.clone();
        loopCpus.forEach(others::clear);
        return new Plan(loopCpus, others, null);
    }

    /**
     * Pins the loops of {@code group} as {@code mode} allows on this machine.
     *
     * @throws IllegalArgumentException for {@link CpuPinning#ON} when it cannot pin
     */
    static LoopPinning apply(CpuPinning mode, EventExecutorGroup group, int loops) {
        if (mode == CpuPinning.OFF) {
            return notPinned("--cpu-pinning off");
        }
        String unavailable = ThreadAffinity.unavailableReason();
        if (unavailable != null) {
            if (mode == CpuPinning.ON) {
                throw new IllegalArgumentException("--cpu-pinning on: cannot set thread affinity (" + unavailable + ")");
            }
            return logged(notPinned(unavailable));
        }
        synchronized (LoopPinning.class) {
            BitSet allowed = pinnedEngines > 0 ? processCpus : ThreadAffinity.current();
            int available = pinnedEngines > 0 ? processAvailable : Runtime.getRuntime().availableProcessors();
            Plan plan = plan(mode, allowed, available, loops);
            if (plan.skipped() != null) {
                return logged(notPinned(plan.skipped()));
            }
            CpuClaim claim = CpuClaim.tryClaim(Path.of(System.getProperty("java.io.tmpdir")), plan.loopCpus());
            if (claim == null && mode == CpuPinning.AUTO) {
                return logged(notPinned("another imager engine or process pinned its loops to CPU(s) "
                        + plan.loopCpus()));
            }
            if (pinnedEngines == 0) {
                processCpus = allowed;
                processAvailable = available;
            }
            pinnedEngines++;
            LoopPinning pinning = new LoopPinning(true, claim, "event loop(s) pinned to CPU(s) " + plan.loopCpus()
                    + ", the process's other threads to CPU(s) " + plan.others());
            try {
                ThreadAffinity.setAll(plan.others(), pinLoops(group, plan.loopCpus()));
            } catch (RuntimeException e) {
                // The kernel refused a mask (a CPU set changed under us) or /proc failed: undo what was done. Pinning
                // is an optimisation, so auto carries on without it; on said it must happen.
                pinning.close();
                if (mode == CpuPinning.ON) {
                    throw new IllegalArgumentException("--cpu-pinning on: could not pin: " + e.getMessage(), e);
                }
                return logged(notPinned("pinning failed (" + e.getMessage() + "); every thread back on CPU(s) "
                        + allowed));
            }
            return logged(pinning);
        }
    }

    /** Starts every loop of {@code group} on its CPU; returns their thread ids. */
    private static Set<Integer> pinLoops(EventExecutorGroup group, List<Integer> cpus) {
        List<Future<Integer>> pinned = new ArrayList<>();
        int i = 0;
        for (EventExecutor loop : group) {
            BitSet cpu = new BitSet();
            cpu.set(cpus.get(i++));
            pinned.add(loop.submit(() -> {
                ThreadAffinity.pinCurrent(cpu);
                return ThreadAffinity.currentTid();
            }));
        }
        Set<Integer> tids = new HashSet<>();
        for (Future<Integer> f : pinned) {
            if (!f.awaitUninterruptibly(5, TimeUnit.SECONDS) || !f.isSuccess()) {
                throw new IllegalStateException("an event loop could not be pinned to its CPU: "
                        + (f.cause() == null ? "no answer in 5 s" : f.cause().getMessage()), f.cause());
            }
            tids.add(f.getNow());
        }
        return tids;
    }

    private static LoopPinning logged(LoopPinning pinning) {
        LOG.info("{}", pinning.description);
        return pinning;
    }

    /** What was pinned where, or why nothing was. */
    String description() {
        return description;
    }

    /** Every thread of the process back on the CPUs the process had, once no engine of it is pinned. */
    @Override
    public void close() {
        if (!pinned) {
            return;
        }
        synchronized (LoopPinning.class) {
            if (--pinnedEngines == 0) {
                ThreadAffinity.setAll(processCpus, Set.of());
            }
            if (claim != null) {
                claim.close();
            }
        }
    }
}
