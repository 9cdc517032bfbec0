package dev.imager.coordinator.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imager.protocol.message.RequestSpec;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RandomSumRequestSourceTest {

    private static final Pattern QUERY = Pattern.compile("a=(-?\\d+)&b=(-?\\d+)");

    static List<Long> operands(RequestSpec spec) {
        Matcher m = QUERY.matcher(spec.queryString());
        assertThat(m.matches()).as(spec.queryString()).isTrue();
        return List.of(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }

    @Test
    void getsThePathWithTwoOperands() {
        RequestSpec spec = new RandomSumRequestSource("/add", 1, 100, OptionalLong.of(1)).next();
        assertThat(spec.method()).isEqualTo("GET");
        assertThat(spec.path()).isEqualTo("/add");
        assertThat(spec.headers()).isEmpty();
        assertThat(spec.body()).isEmpty();
        assertThat(operands(spec)).allSatisfy(v -> assertThat(v).isBetween(1L, 100L));
    }

    @Test
    void emptyOrNullPathMeansSum() {
        assertThat(new RandomSumRequestSource("", 1, 2, OptionalLong.empty()).next().path()).isEqualTo("/sum");
        assertThat(new RandomSumRequestSource(null, 1, 2, OptionalLong.empty()).next().path()).isEqualTo("/sum");
    }

    @Test
    void equalBoundsGiveThatValue() {
        RandomSumRequestSource source = new RandomSumRequestSource("/sum", 7, 7, OptionalLong.empty());
        for (int i = 0; i < 20; i++) {
            assertThat(source.next().queryString()).isEqualTo("a=7&b=7");
        }
    }

    @Test
    void negativeBoundsAreAllowed() {
        RandomSumRequestSource source = new RandomSumRequestSource("/sum", -5, -3, OptionalLong.of(3));
        for (int i = 0; i < 200; i++) {
            assertThat(operands(source.next())).allSatisfy(v -> assertThat(v).isBetween(-5L, -3L));
        }
    }

    @Test
    void extremeBoundsDoNotOverflow() {
        for (long[] bounds : List.of(new long[] {Long.MAX_VALUE - 1, Long.MAX_VALUE},
                new long[] {Long.MIN_VALUE, Long.MIN_VALUE + 1}, new long[] {Long.MIN_VALUE, Long.MAX_VALUE},
                new long[] {Long.MAX_VALUE, Long.MAX_VALUE})) {
            RandomSumRequestSource source = new RandomSumRequestSource("/sum", bounds[0], bounds[1], OptionalLong.of(9));
            for (int i = 0; i < 50; i++) {
                assertThat(operands(source.next())).allSatisfy(v -> assertThat(v).isBetween(bounds[0], bounds[1]));
            }
        }
    }

    @Test
    void maxBelowMinIsRejected() {
        assertThatThrownBy(() -> new RandomSumRequestSource("/sum", 10, 5, OptionalLong.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("random-sum max must be >= min (10), got 5");
    }

    @Test
    void distributionIsUniformInclusive() {
        // 1..10 over 20,000 draws (10,000 requests): each value ~2,000 times; a 15% band is > 6 sigma wide.
        RandomSumRequestSource source = new RandomSumRequestSource("/sum", 1, 10, OptionalLong.of(12345));
        int[] counts = new int[11];
        for (int i = 0; i < 10_000; i++) {
            for (long v : operands(source.next())) {
                counts[(int) v]++;
            }
        }
        assertThat(counts[0]).isZero();
        for (int v = 1; v <= 10; v++) {
            assertThat(counts[v]).as("count of %d", v).isBetween(1_700, 2_300);
        }
    }

    @Test
    void sameSeedSameSequenceDifferentSeedDifferentSequence() {
        List<RequestSpec> a = RequestSourceContract.take(new RandomSumRequestSource("/s", 1, 1000, OptionalLong.of(5)), 20);
        List<RequestSpec> b = RequestSourceContract.take(new RandomSumRequestSource("/s", 1, 1000, OptionalLong.of(5)), 20);
        List<RequestSpec> c = RequestSourceContract.take(new RandomSumRequestSource("/s", 1, 1000, OptionalLong.of(6)), 20);
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void unseededResetIsANoOp() {
        RandomSumRequestSource source = new RandomSumRequestSource("/s", 1, 1_000_000, OptionalLong.empty());
        RequestSpec first = source.next();
        source.reset();
        // Without a seed there is nothing to restart; the sequence just continues (1e-12 chance of equality).
        assertThat(source.next()).isNotEqualTo(first);
    }

    @Test
    void describesBoundsAndSeed() {
        assertThat(new RandomSumRequestSource("/sum", 1, 100, OptionalLong.of(7)).describe())
                .isEqualTo("random-sum GET /sum?a=[1..100]&b=[1..100] (seed 7)");
    }
}
