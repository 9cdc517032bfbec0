package dev.imager.coordinator.run;

import dev.imager.protocol.cpu.CpuClaim;
import java.nio.file.Path;
import java.util.List;

/**
 * Another process holding a worker's CPU claim, for {@link CpuStepAsideIT}: claims CPU {@code args[1]} in directory
 * {@code args[0]}, prints "claimed", and holds it until its standard input closes.
 */
public final class CpuClaimHolder {

    private CpuClaimHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (CpuClaim claim = CpuClaim.tryClaim(Path.of(args[0]), List.of(Integer.parseInt(args[1])))) {
            System.out.println(claim == null ? "taken" : "claimed");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the test closes our input
            }
        }
    }
}
