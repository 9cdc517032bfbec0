package dev.imager.protocol.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading another process's claim from /proc/locks lines. */
class CpuClaimTest {

    private static final List<String> LOCKS = List.of(
            "1: POSIX  ADVISORY  WRITE 4242 fe:00:2155153 0 EOF",
            "1: -> POSIX  ADVISORY  WRITE 4343 fe:00:2155153 0 EOF",
            "2: FLOCK  ADVISORY  WRITE 77 08:01:99 0 EOF",
            "garbage");

    @Test
    void aLockOnTheFileByAnotherPidIsAClaim() {
        assertThat(CpuClaim.heldByOther(LOCKS, 2155153, 1)).isTrue();
        assertThat(CpuClaim.heldByOther(LOCKS, 99, 1)).as("flock(2) locks count too").isTrue();
    }

    @Test
    void ourOwnLockAWaiterAndOtherFilesAreNot() {
        assertThat(CpuClaim.heldByOther(LOCKS, 2155153, 4242)).as("held by us; 4343 only waits").isFalse();
        assertThat(CpuClaim.heldByOther(LOCKS, 12345, 1)).isFalse();
    }
}
