package dev.imager.coordinator.report;

/**
 * One metrics-server sample of a target pod.
 *
 * @param t seconds since the run started
 * @param cpuMillicores CPU usage, millicores (1000 = one core)
 * @param memoryBytes working-set memory, bytes
 */
public record PodPoint(double t, long cpuMillicores, long memoryBytes) {

    public PodPoint {
        ReportValueChecks.finiteNonNegative(t, "pod sample t");
        ReportValueChecks.nonNegative(cpuMillicores, "cpuMillicores");
        ReportValueChecks.nonNegative(memoryBytes, "memoryBytes");
    }
}
