package dev.imager.worker.metrics;

/**
 * The original imager's histogram buckets, kept so existing dashboards and alerts work unchanged.
 */
final class LegacyBuckets {

    private LegacyBuckets() {
    }

    /**
     * 195 upper bounds in milliseconds: 10 to 100 step 5, 125 to 1000 step 25, 1100 to 10000 step 100,
     * 11000 to 60000 step 1000.
     */
    static double[] durationMillis() {
        double[] b = new double[195];
        int i = 0;
        for (int v = 10; v <= 100; v += 5) {
            b[i++] = v;
        }
        for (int v = 125; v <= 1000; v += 25) {
            b[i++] = v;
        }
        for (int v = 1100; v <= 10_000; v += 100) {
            b[i++] = v;
        }
        for (int v = 11_000; v <= 60_000; v += 1000) {
            b[i++] = v;
        }
        return b;
    }

    /** 86 upper bounds in bytes: powers of two 64 to 524288, then 1 MiB to 10354688 in steps of 128 KiB. */
    static double[] sizeBytes() {
        double[] b = new double[86];
        int i = 0;
        for (long v = 64; v <= 524_288; v *= 2) {
            b[i++] = v;
        }
        for (long v = 1_048_576; v <= 10_354_688; v += 131_072) {
            b[i++] = v;
        }
        return b;
    }
}
