package dev.imager.protocol.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.stream.LongStream;
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
}
