package dev.imager.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imager.protocol.cpu.CpuPinning;
import dev.imager.protocol.cpu.ThreadAffinity;
import dev.imager.protocol.message.JobResult;
import dev.imager.protocol.message.OutcomeCounts;
import dev.imager.protocol.message.RequestSpec;
import dev.imager.worker.testing.Jobs;
import dev.imager.worker.testing.LoopbackHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Real pinning, read back from the kernel: the loop on the last CPU alone, every other thread of this JVM (the test
 * thread included, and threads started afterwards) on the rest, requests still served, a second engine declining
 * while the first holds the CPU, and every thread back on its CPUs once the engine closes.
 */
class LoopPinningIT {

    @Test
    void pinsTheLoopAloneAndGivesEveryCpuBackOnClose() throws Exception {
        assumeTrue(ThreadAffinity.unavailableReason() == null, "thread affinity: " + ThreadAffinity.unavailableReason());
        BitSet before = ThreadAffinity.current();
        assumeTrue(before.cardinality() >= 2, "needs 2 CPUs, has " + before);
        int last = before.length() - 1;
        BitSet rest = (BitSet) before.clone();
        rest.clear(last);

        try (LoopbackHttpServer server = LoopbackHttpServer.start();
                EngineHarness pinned = new EngineHarness(EngineSettings.defaults().withEventLoops(1)
                        .withConnectTimeout(Duration.ofSeconds(2)).withCpuPinning(CpuPinning.ON))) {
            assertThat(pinned.engine.cpuPlacement()).startsWith("event loop(s) pinned to CPU(s) [" + last + "]");
            // Exactly one thread of this JVM may run on the last CPU only, and it is the loop.
            List<Integer> alone = threadsOn(single(last));
            assertThat(alone).hasSize(1);
            assertThat(Files.readString(Path.of("/proc/self/task/" + alone.get(0) + "/comm"))).startsWith("imager-http-");
            assertThat(ThreadAffinity.current()).as("the test thread").isEqualTo(rest);
            CompletableFuture<BitSet> later = new CompletableFuture<>();
            Thread t = new Thread(() -> later.complete(ThreadAffinity.current()));
            t.start();
            assertThat(later.get(5, TimeUnit.SECONDS)).as("a thread started after pinning").isEqualTo(rest);

            JobResult result = pinned.start(Jobs.uniform("pinned", 50, 500, RequestSpec.get("/p", ""),
                    server.baseUrl(), 2_000, 50), 0).awaitResult(Duration.ofSeconds(15));
            assertThat(result.stats().outcomes()).isEqualTo(new OutcomeCounts(50, 0, 0, 0, 0, 0, 0));
            assertThat(server.received()).hasSize(50);

            try (EngineHarness second = new EngineHarness(EngineSettings.defaults().withEventLoops(1)
                    .withCpuPinning(CpuPinning.AUTO))) {
                assertThat(second.engine.cpuPlacement()).isEqualTo("event loops not pinned to CPUs: another imager "
                        + "engine or process pinned its loops to CPU(s) [" + last + "]");
            }
            assertThat(ThreadAffinity.current()).as("the first engine still pinned").isEqualTo(rest);
        }
        assertThat(ThreadAffinity.current()).as("after close").isEqualTo(before);
        assertThat(threadsOn(single(last))).as("threads left on the loop's CPU alone").isEmpty();
    }

    @Test
    void offLeavesEveryThreadWhereItWas() {
        assumeTrue(ThreadAffinity.unavailableReason() == null, "thread affinity: " + ThreadAffinity.unavailableReason());
        BitSet before = ThreadAffinity.current();
        try (EngineHarness off = new EngineHarness(EngineSettings.defaults().withEventLoops(1))) {
            assertThat(off.engine.cpuPlacement()).isEqualTo("event loops not pinned to CPUs: --cpu-pinning off");
            assertThat(ThreadAffinity.current()).isEqualTo(before);
        }
    }

    private static BitSet single(int cpu) {
        BitSet set = new BitSet();
        set.set(cpu);
        return set;
    }

    /** This JVM's threads that may run on exactly {@code cpus}. */
    private static List<Integer> threadsOn(BitSet cpus) {
        List<Integer> tids = new ArrayList<>();
        for (int tid : ThreadAffinity.processThreads()) {
            try {
                if (ThreadAffinity.of(tid).equals(cpus)) {
                    tids.add(tid);
                }
            } catch (IllegalStateException e) {
                // the thread ended between the listing and the call
            }
        }
        return tids;
    }
}
