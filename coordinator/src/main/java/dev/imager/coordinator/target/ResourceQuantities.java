package dev.imager.coordinator.target;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * Converts metrics-server quantities ({@code "250500u"}, {@code "1500n"}, {@code "64Mi"}) to the
 * integers the gauges export. Rounding is up, per container, as the original's {@code MilliValue()}
 * did: a container using 1500 nanocores reports 1 millicore, not 0.
 */
final class ResourceQuantities {
    static final String CPU = "cpu";
    static final String MEMORY = "memory";
    private static final BigDecimal MILLIS_PER_UNIT = BigDecimal.valueOf(1000);

    private ResourceQuantities() {
    }

    /** CPU of one container's usage map in whole millicores, rounded up; 0 when absent. */
    static long cpuMillicores(Map<String, Quantity> usage) {
        Quantity q = usage == null ? null : usage.get(CPU);
        if (q == null) {
            return 0;
        }
        return q.getNumericalAmount().multiply(MILLIS_PER_UNIT).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** Memory of one container's usage map in bytes, rounded up; 0 when absent. */
    static long memoryBytes(Map<String, Quantity> usage) {
        Quantity q = usage == null ? null : usage.get(MEMORY);
        if (q == null) {
            return 0;
        }
        return q.getNumericalAmount().setScale(0, RoundingMode.CEILING).longValueExact();
    }
}
