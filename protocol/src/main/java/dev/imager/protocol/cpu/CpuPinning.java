package dev.imager.protocol.cpu;

import dev.imager.protocol.cli.FlagChoice;
import java.util.Locale;

/**
 * {@code --cpu-pinning} of the worker and of local mode: whether the HTTP engine gives its event loops CPUs of their
 * own, each loop on one CPU and every other thread of the process (control, bus, coordinator, compiler, collector)
 * on the CPUs left. On a machine with few cores those threads otherwise wake on a loop's CPU and preempt it, which
 * shows as send lag (docs/BENCHMARKS.md, "Fifth pass"). Here because both programs take it.
 */
public enum CpuPinning implements FlagChoice {
    /**
     * Pin when it can only help: on Linux, when this process owns its CPUs (the CPUs it may run on are as many as
     * the JVM counts: no CPU quota smaller than its CPU set, as in a container limited by a quota on a larger
     * machine), at least one CPU is left for the other threads, and no other imager process pinned its loops to
     * the same CPUs.
     */
    AUTO,
    /** Pin whenever the CPUs allow it (one left for the other threads); refuse to start otherwise. */
    ON,
    /** Never pin: the kernel places every thread. */
    OFF;

    @Override
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Why {@code loops} event loops cannot have CPUs of their own among {@code cpus}, or null when they can: at least
     * one CPU must be left for the process's other threads.
     */
    public static String tooFewCpus(int loops, int cpus) {
        return loops < cpus ? null
                : loops + " event loop(s) on " + cpus + " CPU(s) leave none for the other threads";
    }

    /**
     * Why a process that may run on {@code cpus} CPUs, which the JVM counts {@code availableProcessors} for, does not
     * own them, or null when it does: fewer counted than allowed means a CPU quota (a container limited on a larger
     * machine), and the CPUs of its set are used by others too. {@link #AUTO} does nothing there.
     */
    public static String notOwned(int cpus, int availableProcessors) {
        return cpus == availableProcessors ? null
                : "this process may run on " + cpus + " CPUs but is allotted " + availableProcessors + " (a CPU quota)";
    }
}
