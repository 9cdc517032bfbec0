package dev.imager.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imager.protocol.cpu.CpuClaim;
import dev.imager.protocol.cpu.CpuClaimHolder;
import dev.imager.protocol.cpu.ThreadAffinity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real second process claims a CPU as a pinned worker does; the coordinator's threads leave it, and come back when
 * that process exits (its lock gone with it). A claim held by this process itself does not count.
 */
class CpuStepAsideIT {

    @TempDir
    Path claims;

    @Test
    void keepsOffACpuAnotherProcessClaimedAndReturnsWhenItExits() throws Exception {
        assumeTrue(ThreadAffinity.unavailableReason() == null, "thread affinity: " + ThreadAffinity.unavailableReason());
        BitSet allowed = ThreadAffinity.current();
        assumeTrue(allowed.cardinality() >= 2, "needs 2 CPUs, has " + allowed);
        int last = allowed.length() - 1;
        BitSet rest = (BitSet) allowed.clone();
        rest.clear(last);

        CpuStepAside stepAside = new CpuStepAside(claims, allowed);
        try {
            stepAside.check();
            assertThat(ThreadAffinity.current()).as("no claim yet").isEqualTo(allowed);

            // Our own claim is not another process's.
            try (CpuClaim own = CpuClaim.tryClaim(claims, List.of(last))) {
                assertThat(own).isNotNull();
                stepAside.check();
                assertThat(ThreadAffinity.current()).isEqualTo(allowed);
            }

            Process holder = CpuClaimHolder.start(claims, last);
            try {
                stepAside.check();
                assertThat(ThreadAffinity.current()).as("kept off CPU %d", last).isEqualTo(rest);
                BitSet[] seen = new BitSet[1];
                Thread later = new Thread(() -> seen[0] = ThreadAffinity.current());
                later.start();
                later.join(5_000);
                assertThat(seen[0]).as("a thread started afterwards").isEqualTo(rest);
            } finally {
                CpuClaimHolder.release(holder);
            }
            stepAside.check();
            assertThat(ThreadAffinity.current()).as("the claim went with its process").isEqualTo(allowed);
            assertThat(Files.exists(claims.resolve("imager-loop-cpu-" + last + ".lock"))).isTrue();
        } finally {
            stepAside.close();
        }
        assertThat(ThreadAffinity.current()).isEqualTo(allowed);
    }
}
