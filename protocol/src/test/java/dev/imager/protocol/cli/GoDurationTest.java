package dev.imager.protocol.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GoDurationTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("0", Duration.ZERO),                        // bare zero needs no unit
                Arguments.of("-0", Duration.ZERO),                       // signed zero
                Arguments.of("+0", Duration.ZERO),                       // signed zero
                Arguments.of("0s", Duration.ZERO),                       // zero with unit
                Arguments.of("100ns", Duration.ofNanos(100)),            // nanoseconds
                Arguments.of("500us", Duration.ofNanos(500_000)),        // ASCII micro
                Arguments.of("500\u00b5s", Duration.ofNanos(500_000)),   // micro sign U+00B5
                Arguments.of("500\u03bcs", Duration.ofNanos(500_000)),   // Greek mu U+03BC
                Arguments.of("300ms", Duration.ofMillis(300)),           // milliseconds
                Arguments.of("1s", Duration.ofSeconds(1)),               // seconds
                Arguments.of("1.5s", Duration.ofMillis(1500)),           // fraction
                Arguments.of(".5s", Duration.ofMillis(500)),             // fraction without leading digits
                Arguments.of("1.s", Duration.ofSeconds(1)),              // dot without fraction digits
                Arguments.of("1m30s", Duration.ofSeconds(90)),           // compound
                Arguments.of("2h", Duration.ofHours(2)),                 // hours
                Arguments.of("1h2m3s4ms5us6ns", Duration.ofNanos(3_723_004_005_006L)), // every unit
                Arguments.of("1.5h", Duration.ofMinutes(90)),            // fraction of an hour
                Arguments.of("-1.5s", Duration.ofMillis(-1500)),         // negative
                Arguments.of("+2s", Duration.ofSeconds(2)),              // explicit plus
                Arguments.of("1.0000000009s", Duration.ofNanos(1_000_000_000L)), // sub-ns truncated, as Go
                Arguments.of("2562047h", Duration.ofHours(2562047)),     // near Go's maximum
                Arguments.of("0.0000001ms", Duration.ZERO));             // 0.1 ns truncates to 0
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parsesGoSyntax(String text, Duration expected) {
        assertThat(GoDuration.parse(text)).isEqualTo(expected);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("", "invalid duration \"\""),                 // empty
                Arguments.of("5", "missing unit in duration \"5\""),       // number without unit
                Arguments.of("1.5", "missing unit in duration \"1.5\""),   // fraction without unit
                Arguments.of("00", "missing unit in duration \"00\""),     // only a bare single 0 is special
                Arguments.of("5sec", "unknown unit \"sec\""),              // unit typo
                Arguments.of("5 s", "unknown unit \" s\""),                // spaces are not allowed
                Arguments.of("1d", "unknown unit \"d\""),                  // Go has no days
                Arguments.of("s", "invalid duration \"s\""),               // unit without number
                Arguments.of(".s", "invalid duration \".s\""),             // dot without digits
                Arguments.of("-", "invalid duration \"-\""),               // sign only
                Arguments.of("1h-5m", "unknown unit \"h-\""),              // no inner signs
                Arguments.of("2562048h", "out of range"),                  // beyond int64 nanoseconds
                Arguments.of("abc", "invalid duration \"abc\""));          // garbage
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("invalid")
    void rejectsWithMessageQuotingTheValue(String text, String message) {
        assertThatThrownBy(() -> GoDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> GoDuration.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of(Duration.ZERO, "0s"),                      // Go prints zero as 0s
                Arguments.of(Duration.ofNanos(1), "1ns"),                // nanoseconds
                Arguments.of(Duration.ofNanos(999), "999ns"),            // still ns below 1 µs
                Arguments.of(Duration.ofNanos(1_500), "1.5\u00b5s"),     // micro sign, fraction
                Arguments.of(Duration.ofMillis(250), "250ms"),           // milliseconds
                Arguments.of(Duration.ofNanos(1_234_567), "1.234567ms"), // fraction of ms
                Arguments.of(Duration.ofSeconds(1), "1s"),               // seconds
                Arguments.of(Duration.ofMillis(1500), "1.5s"),           // fraction of s
                Arguments.of(Duration.ofSeconds(60), "1m0s"),            // Go prints 0 seconds after minutes
                Arguments.of(Duration.ofSeconds(90), "1m30s"),           // compound
                Arguments.of(Duration.ofHours(2), "2h0m0s"),             // Go prints all lower units
                Arguments.of(Duration.ofSeconds(3723).plusMillis(500), "1h2m3.5s"), // everything
                Arguments.of(Duration.ofMillis(-1500), "-1.5s"),         // negative
                Arguments.of(Duration.ofNanos(-5), "-5ns"),              // negative small
                Arguments.of(Duration.ofDays(365 * 1000L), "8760000h0m0s")); // beyond Go's range still formats
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("formats")
    void formatsLikeGo(Duration duration, String expected) {
        assertThat(GoDuration.format(duration)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("formats")
    void formatThenParseRoundTripsWithinGoRange(Duration duration, String text) {
        if (duration.abs().compareTo(Duration.ofHours(2562047)) <= 0) {
            assertThat(GoDuration.parse(text)).isEqualTo(duration);
        }
    }
}
