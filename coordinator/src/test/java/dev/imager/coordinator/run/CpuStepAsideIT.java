package dev.imager.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imager.protocol.cpu.CpuClaim;
import dev.imager.protocol.cpu.CpuPinning;
import dev.imager.protocol.cpu.ThreadAffinity;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    void autoDoesNotWatchInAProcessUnderACpuQuota() {
        BitSet two = new BitSet();
        two.set(0, 2);
        assertThat(CpuStepAside.start(CpuPinning.AUTO, claims, two, 1)).as("2 CPUs in its set, 1 allotted").isNull();
        CpuStepAside owned = CpuStepAside.start(CpuPinning.AUTO, claims, two, 2);
        CpuStepAside on = CpuStepAside.start(CpuPinning.ON, claims, two, 1);
        try {
            assertThat(owned).as("auto, owning its CPUs").isNotNull();
            assertThat(on).as("on watches under a quota too").isNotNull();
        } finally {
            if (owned != null) {
                owned.close();
            }
            if (on != null) {
                on.close();
            }
        }
    }

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

            Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CpuClaimHolder.class.getName(), claims.toString(),
                    Integer.toString(last)).redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                        StandardCharsets.UTF_8));
                assertThat(out.readLine()).isEqualTo("claimed");
                stepAside.check();
                assertThat(ThreadAffinity.current()).as("kept off CPU %d", last).isEqualTo(rest);
                BitSet[] seen = new BitSet[1];
                Thread later = new Thread(() -> seen[0] = ThreadAffinity.current());
                later.start();
                later.join(5_000);
                assertThat(seen[0]).as("a thread started afterwards").isEqualTo(rest);
            } finally {
                holder.getOutputStream().close();
                assertThat(holder.waitFor(20, TimeUnit.SECONDS)).isTrue();
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
