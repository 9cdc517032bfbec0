package dev.imager.protocol.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FlagBinderTest {

    enum Mode implements FlagChoice {
        POD("pod"), URL("url");

        private final String flagValue;

        Mode(String flagValue) {
            this.flagValue = flagValue;
        }

        @Override
        public String flagValue() {
            return flagValue;
        }
    }

    @Test
    void convertsGoodValues() {
        FlagBinder f = new FlagBinder();
        assertThat(f.intValue("-n", "0x10", 0)).isEqualTo(16);
        assertThat(f.longValue("-l", "-5", 0)).isEqualTo(-5);
        assertThat(f.duration("-d", "1m30s", Duration.ZERO)).isEqualTo(Duration.ofSeconds(90));
        assertThat(f.bool("-b", "t", false)).isTrue();
        assertThat(f.bool("-b", "False", true)).isFalse();
        assertThat(f.choice("-m", "url", Mode.class, Mode.POD)).isEqualTo(Mode.URL);
        assertThat(f.optionalPath("-p", "a/b")).isEqualTo(Path.of("a/b"));
        assertThat(f.optionalDuration("-o", "2s")).contains(Duration.ofSeconds(2));
        assertThat(f.optionalLong("-s", "7")).isEqualTo(OptionalLong.of(7));
        assertThat(f.problems()).isEmpty();
    }

    @Test
    void absentOptionalValuesAreNotProblems() {
        FlagBinder f = new FlagBinder();
        assertThat(f.optionalPath("-p", null)).isNull();
        assertThat(f.optionalPath("-p", "")).isNull();
        assertThat(FlagBinder.optionalText("")).isNull();
        assertThat(FlagBinder.optionalText("x")).isEqualTo("x");
        assertThat(f.optionalDuration("-o", null)).isEmpty();
        assertThat(f.optionalLong("-s", null)).isEmpty();
        assertThat(f.problems()).isEmpty();
    }

    @Test
    void reportsEveryBadValueWithItsFlagAndFallsBack() {
        FlagBinder f = new FlagBinder();
        assertThat(f.intValue("--n", "ten", 3)).isEqualTo(3);
        assertThat(f.duration("-d", "5", Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(f.bool("-b", "yes", true)).isTrue();
        assertThat(f.choice("-m", "POD", Mode.class, Mode.URL)).isEqualTo(Mode.URL);
        // Given but empty is not "absent": it is a bad value.
        assertThat(f.optionalDuration("--o", "")).isEmpty();
        assertThat(f.problems()).containsExactly(
                "--n: invalid integer \"ten\": expected base-10 digits (or a 0x hexadecimal literal)",
                "-d: missing unit in duration \"5\" (write e.g. 5s or 500ms; units: ns, us, \u00b5s, ms, s, m, h)",
                "-b: invalid boolean \"yes\" (use true or false)",
                "-m: unsupported value \"POD\"; expected one of pod, url",
                "--o: invalid duration \"\" (write e.g. 1s, 500ms, 1m30s; units: ns, us, \u00b5s, ms, s, m, h)");
    }

    @Test
    void failedFlagsAreRecognisedInEitherSpellingButNotInLongerNames() {
        FlagBinder f = new FlagBinder();
        f.longValue("-min-rps", "abc", 1);
        assertThat(f.mentionsFailedFlag("-max-rps: must be >= -min-rps (1), got 0")).isTrue();
        assertThat(f.mentionsFailedFlag("--min-rps: whatever")).isTrue();
        assertThat(f.mentionsFailedFlag("--min-rps-limit: other flag")).isFalse();
        assertThat(f.mentionsFailedFlag("-max-rps: must be >= 0, got -1")).isFalse();
    }
}
