package dev.imager.sumservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SumEndpointTest {

    /** Evaluates a raw query string the way the handler does. */
    private static SumEndpoint.Answer evaluate(String query) {
        return SumEndpoint.evaluate(SumHttpHandler.target("/sum?" + query).parameters());
    }

    @ParameterizedTest(name = "{0} -> {1}+{2}={3}")
    @CsvSource(delimiter = '|', textBlock = """
            # query                                    | a                    | b                    | sum
            a=7&b=9                                    | 7                    | 9                    | 16
            a=-7&b=-9                                  | -7                   | -9                   | -16
            # explicit plus sign, percent-encoded so it is not a space
            a=%2B5&b=-2                                | 5                    | -2                   | 3
            # leading zeros are plain decimal, not octal
            a=007&b=010                                | 7                    | 10                   | 17
            # the first value wins when a parameter repeats
            a=1&a=100&b=2&b=200                        | 1                    | 2                    | 3
            # parameter order does not matter; unknown parameters are ignored
            b=2&x=zz&a=1                               | 1                    | 2                    | 3
            a=9223372036854775807&b=0                  | 9223372036854775807  | 0                    | 9223372036854775807
            a=-9223372036854775808&b=0                 | -9223372036854775808 | 0                    | -9223372036854775808
            a=9223372036854775807&b=-9223372036854775808 | 9223372036854775807 | -9223372036854775808 | -1
            """)
    void sums(String query, long a, long b, long sum) {
        assertThat(evaluate(query)).isEqualTo(new SumEndpoint.Sum(a, b, sum));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # query                          | 400 message
            ''                               | missing query parameter "a"
            b=1                              | missing query parameter "a"
            a=1                              | missing query parameter "b"
            a=&b=1                           | missing query parameter "a"
            a&b=1                            | missing query parameter "a"
            a=1&b=                           | missing query parameter "b"
            # a is checked before b
            a=x&b=                           | invalid integer value for "a": x
            a=&b=x                           | missing query parameter "a"
            a=1.5&b=1                        | invalid integer value for "a": 1.5
            a=1&b=abc                        | invalid integer value for "b": abc
            # a raw + decodes to a space, which is not allowed, like any space
            a=+5&b=1                         | invalid integer value for "a":  5
            a=5%20&b=1                       | 'invalid integer value for "a": 5 '
            a=0x10&b=1                       | invalid integer value for "a": 0x10
            a=1e3&b=1                        | invalid integer value for "a": 1e3
            a=--5&b=1                        | invalid integer value for "a": --5
            a=-&b=1                          | invalid integer value for "a": -
            a=1_000&b=1                      | invalid integer value for "a": 1_000
            # Arabic-Indic digit one: Long.parseLong would take it, Go does not
            a=%D9%A1&b=1                     | invalid integer value for "a": \u0661
            # a semicolon is not a separator
            a=1;b=2                          | invalid integer value for "a": 1;b=2
            a=9223372036854775808&b=1        | integer value for "a" is out of range: 9223372036854775808
            a=1&b=-9223372036854775809       | integer value for "b" is out of range: -9223372036854775809
            a=99999999999999999999999&b=1    | integer value for "a" is out of range: 99999999999999999999999
            a=9223372036854775807&b=1        | sum of "a" and "b" overflows a 64-bit integer: 9223372036854775807 + 1
            a=-9223372036854775808&b=-1      | sum of "a" and "b" overflows a 64-bit integer: -9223372036854775808 + -1
            """)
    void refuses(String query, String message) {
        assertThat(evaluate(query)).isEqualTo(new SumEndpoint.Invalid(message.translateEscapes()));
    }

    @Test
    void jsonBodyMatchesTheOriginalEncoderIncludingTheNewline() {
        assertThat(new SumEndpoint.Sum(7, 9, 16).json()).isEqualTo("{\"a\":7,\"b\":9,\"sum\":16}\n");
        assertThat(new SumEndpoint.Sum(-1, 0, -1).json()).isEqualTo("{\"a\":-1,\"b\":0,\"sum\":-1}\n");
    }

    @Test
    void missingParameterMapsAndEmptyValueListsCountAsMissing() {
        assertThat(SumEndpoint.evaluate(Map.of()))
                .isEqualTo(new SumEndpoint.Invalid("missing query parameter \"a\""));
        assertThat(SumEndpoint.evaluate(Map.of("a", List.of(), "b", List.of("1"))))
                .isEqualTo(new SumEndpoint.Invalid("missing query parameter \"a\""));
    }

    @Test
    void decodesTargetsInOriginAndAbsoluteForm() {
        QueryStringDecoder origin = SumHttpHandler.target("/sum?a=1&b=2");
        assertThat(origin.path()).isEqualTo("/sum");
        QueryStringDecoder absolute = SumHttpHandler.target("http://example.test:8080/sum?a=1&b=2");
        assertThat(absolute.path()).isEqualTo("/sum");
        assertThat(absolute.parameters()).containsEntry("a", List.of("1"));
        assertThat(SumHttpHandler.target("/sum?a=%zz")).as("bad percent-escape").isNull();
        assertThat(SumHttpHandler.target("*")).as("asterisk form").isNull();
    }
}
