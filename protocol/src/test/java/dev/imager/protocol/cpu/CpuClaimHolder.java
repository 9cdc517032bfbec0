package dev.imager.protocol.cpu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another process holding a worker's CPU claim, for the tests of those who keep off it (the coordinator's
 * {@code CpuStepAsideIT}, the worker's {@code LoopPinningIT}): claims CPU {@code args[1]} in directory
 * {@code args[0]}, prints "claimed", and holds it until its standard input closes.
 */
public final class CpuClaimHolder {

    private CpuClaimHolder() {
    }

    /** Starts a JVM holding the claim on {@code cpu} in {@code dir}; returns once it holds it. */
    public static Process start(Path dir, int cpu) throws IOException {
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), CpuClaimHolder.class.getName(),
                dir.toString(), Integer.toString(cpu)).redirectErrorStream(true).start();
        String first = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                StandardCharsets.UTF_8)).readLine();
        if (!"claimed".equals(first)) {
            holder.destroyForcibly();
            throw new IllegalStateException("the claim holder said " + first);
        }
        return holder;
    }

    /** Lets {@code holder} go and waits for it to exit (its claim goes with it). */
    public static void release(Process holder) throws Exception {
        holder.getOutputStream().close();
        if (!holder.waitFor(20, TimeUnit.SECONDS)) {
            holder.destroyForcibly();
            throw new IllegalStateException("the claim holder did not exit");
        }
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
