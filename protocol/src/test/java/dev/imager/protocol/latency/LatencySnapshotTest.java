package dev.imager.protocol.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class LatencySnapshotTest {

    @Test
    void mergingTwoSnapshotsEqualsRecordingBothSampleSets() {
        Random random = new Random(7);
        long[] a = LongStream.generate(() -> 1 + (long) (random.nextDouble() * 2_000)).limit(5_000).toArray();
        long[] b = LongStream.generate(() -> 50_000 + random.nextInt(10_000_000)).limit(3_000).toArray();
        long[] both = LongStream.concat(LongStream.of(a), LongStream.of(b)).toArray();

        LatencySnapshot merged = LatencySnapshot.ofMicros(a).merge(LatencySnapshot.ofMicros(b));
        LatencySnapshot direct = LatencySnapshot.ofMicros(both);

        assertThat(merged).isEqualTo(direct);
        assertThat(merged.count()).isEqualTo(8_000);
        for (double p : new double[] {0, 50, 90, 99, 99.9, 100}) {
            assertThat(merged.valueAtPercentileMicros(p)).as("p%s", p).isEqualTo(direct.valueAtPercentileMicros(p));
        }
        // Merging is commutative and leaves the inputs untouched.
        assertThat(LatencySnapshot.ofMicros(b).merge(LatencySnapshot.ofMicros(a))).isEqualTo(direct);
        assertThat(LatencySnapshot.ofMicros(a).count()).isEqualTo(5_000);
    }

    @Test
    void keepsThreeSignificantDigitsFromOneMicrosecondToBeyondSixtySeconds() {
        LatencySnapshot s = LatencySnapshot.ofMicros(1, 999, 123_456, 60_000_000, 90_000_000);
        assertThat(s.minMicros()).isEqualTo(1);
        assertThat(s.valueAtPercentileMicros(40)).isEqualTo(999);
        // 0.1% relative precision at every magnitude.
        assertThat(s.valueAtPercentileMicros(60)).isCloseTo(123_456, org.assertj.core.data.Percentage.withPercentage(0.1));
        assertThat(s.valueAtPercentileMicros(80)).isCloseTo(60_000_000, org.assertj.core.data.Percentage.withPercentage(0.1));
        assertThat(s.maxMicros()).isCloseTo(90_000_000, org.assertj.core.data.Percentage.withPercentage(0.1));
    }

    @Test
    void clampsValuesOutsideTheTrackableRange() {
        LatencySnapshot s = LatencySnapshot.ofMicros(-5, LatencySnapshot.MAX_TRACKABLE_MICROS * 10);
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.minMicros()).isZero();
        assertThat(s.maxMicros()).isCloseTo(LatencySnapshot.MAX_TRACKABLE_MICROS,
                org.assertj.core.data.Percentage.withPercentage(0.1));
    }

    @Test
    void encodesAndDecodesLosslessly() {
        LatencySnapshot s = LatencySnapshot.ofMicros(10, 20, 30, 40_000, 5_000_000);
        LatencySnapshot decoded = LatencySnapshot.decode(s.encode());
        assertThat(decoded).isEqualTo(s);
        assertThat(decoded.valueAtPercentileMicros(99)).isEqualTo(s.valueAtPercentileMicros(99));
    }

    @Test
    void emptySnapshotsAreZeroEverywhere() {
        LatencySnapshot empty = LatencySnapshot.empty();
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.valueAtPercentileMicros(99)).isZero();
        assertThat(empty.maxMicros()).isZero();
        assertThat(LatencySnapshot.decode(empty.encode())).isEqualTo(empty);
        assertThat(LatencySnapshot.decode("")).isEqualTo(empty);
        LatencySnapshot one = LatencySnapshot.ofMicros(5);
        assertThat(empty.merge(one)).isEqualTo(one);
        assertThat(one.merge(empty)).isEqualTo(one);
    }

    @Test
    void rejectsTextThatIsNotAnEncodedHistogram() {
        assertThatThrownBy(() -> LatencySnapshot.decode("!!")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not base64");
        assertThatThrownBy(() -> LatencySnapshot.decode("aGVsbG8gd29ybGQ=")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not decode");
        String valid = LatencySnapshot.ofMicros(1, 2, 3).encode();
        String truncated = valid.substring(0, valid.length() / 2);
        assertThatThrownBy(() -> LatencySnapshot.decode(truncated)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatencySnapshot.decode(null)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A compressed HdrHistogram of nothing, whose header declares the given precision and range: what a peer
     * controls when it writes a histogram field. HdrHistogram sizes its counts array from the header alone.
     */
    private static String histogramHeader(int significantDigits, long lowest, long highest) {
        ByteBuffer header = ByteBuffer.allocate(40);
        header.putInt(0x1c849313).putInt(0).putInt(0).putInt(significantDigits).putLong(lowest).putLong(highest)
                .putDouble(1.0);
        Deflater deflater = new Deflater();
        deflater.setInput(header.array());
        deflater.finish();
        byte[] compressed = new byte[128];
        int length = deflater.deflate(compressed);
        deflater.end();
        ByteBuffer wire = ByteBuffer.allocate(8 + length).putInt(0x1c849314).putInt(length).put(compressed, 0, length);
        return Base64.getEncoder().encodeToString(wire.array());
    }

    private static long allocatedBytes(Runnable action) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        action.run();
        return threads.getThreadAllocatedBytes(thread) - before;
    }

    @Test
    void aShortFieldDeclaringAHugeHistogramIsRefusedBeforeAnythingIsAllocated() {
        // About 50 characters that declare 5 significant digits up to 2^62: HdrHistogram would allocate ~50 MB.
        String bomb = histogramHeader(5, 1, 1L << 62);
        assertThat(bomb.length()).isLessThan(64);

        long allocated = allocatedBytes(() -> assertThatThrownBy(() -> LatencySnapshot.decode(bomb))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("significant digits"));

        assertThat(allocated).as("bytes allocated while refusing it").isLessThan(1024 * 1024);
    }

    @Test
    void aHistogramIsAcceptedOnlyWithImagersPrecisionUnitAndRange() {
        assertThatThrownBy(() -> LatencySnapshot.decode(histogramHeader(3, 1, 1L << 62)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("highest trackable value");
        assertThatThrownBy(() -> LatencySnapshot.decode(histogramHeader(3, 1000, 1L << 20)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lowest");
        assertThatThrownBy(() -> LatencySnapshot.decode(histogramHeader(2, 1, 1L << 20)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("significant digits");
        // The largest histogram an imager worker writes (a value at the trackable maximum) decodes.
        LatencySnapshot largest = LatencySnapshot.ofMicros(1, LatencySnapshot.MAX_TRACKABLE_MICROS);
        assertThat(LatencySnapshot.decode(largest.encode())).isEqualTo(largest);
    }
}
