package dev.imager.coordinator.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.protocol.message.RequestSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link RequestSource} promises; one subclass per implementation. */
abstract class RequestSourceContract {

    /** A new source that is deterministic (seeded where it is random). */
    abstract RequestSource newSource();

    @Test
    void nextNeverReturnsNull() {
        RequestSource source = newSource();
        for (int i = 0; i < 1_000; i++) {
            assertThat(source.next()).isNotNull();
        }
    }

    @Test
    void resetStartsOver() {
        RequestSource source = newSource();
        List<RequestSpec> first = take(source, 7);
        source.reset();
        assertThat(take(source, 7)).isEqualTo(first);
    }

    @Test
    void sameInputsGiveTheSameSequence() {
        assertThat(take(newSource(), 50)).isEqualTo(take(newSource(), 50));
    }

    @Test
    void describesItself() {
        assertThat(newSource().describe()).isNotBlank();
    }

    @Test
    void requestsAreComplete() {
        RequestSource source = newSource();
        for (RequestSpec spec : take(source, 20)) {
            assertThat(spec.method()).isNotEmpty();
            assertThat(spec.path()).startsWith("/");
        }
    }

    static List<RequestSpec> take(RequestSource source, int n) {
        List<RequestSpec> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(source.next());
        }
        return out;
    }
}
