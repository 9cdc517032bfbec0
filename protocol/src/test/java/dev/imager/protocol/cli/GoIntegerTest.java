package dev.imager.protocol.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoIntegerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0, 0",                                        // zero
        "42, 42",                                      // base 10
        "-5, -5",                                      // negative
        "+7, 7",                                       // explicit plus, as Go
        "0x1F, 31",                                    // Go's hex prefix
        "0XfF, 255",                                   // either case
        "-0x10, -16",                                  // signed hex
        "9223372036854775807, 9223372036854775807",    // long max
        "-9223372036854775808, -9223372036854775808"}) // long min
    void parsesLongs(String text, long expected) {
        assertThat(GoInteger.parseLong(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "abc | expected base-10 digits",             // not a number
        "1.5 | expected base-10 digits",             // no fractions
        "010 | leading zero is ambiguous",           // Go would read octal 8
        "0b101 | expected base-10 digits",           // Go's binary prefix is not supported
        "0o17 | expected base-10 digits",            // nor its octal prefix
        "1_000 | expected base-10 digits",           // nor underscores
        "0x | expected base-10 digits",              // prefix without digits
        "' 5' | expected base-10 digits",            // no spaces
        "9223372036854775808 | out of range"})       // long max + 1
    void rejectsLongs(String text, String message) {
        assertThatThrownBy(() -> GoInteger.parseLong(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .hasMessageContaining(text.strip());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2147483648", "-2147483649"})
    void intRangeIsChecked(String text) {
        assertThatThrownBy(() -> GoInteger.parseInt(text)).hasMessageContaining("out of range");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2147483647", "-2147483648", "65535"})
    void intRangeAccepted(String text) {
        assertThat(GoInteger.parseInt(text)).isEqualTo(Integer.parseInt(text));
    }

    @org.junit.jupiter.api.Test
    void emptyIsRejected() {
        assertThatThrownBy(() -> GoInteger.parseLong("")).hasMessageContaining("a number is required");
    }
}
