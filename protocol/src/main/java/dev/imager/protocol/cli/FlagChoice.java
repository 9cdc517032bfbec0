package dev.imager.protocol.cli;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An enum whose constants are chosen on the command line by a lower-case word, e.g.
 * {@code -target-mode=pod}. Matching is exact (case-sensitive), as the original's Go flags were.
 */
public interface FlagChoice {

    /** The word that selects this constant on the command line. */
    String flagValue();

    /** The constant of {@code type} whose {@link #flagValue()} is {@code value}, if any. */
    static <E extends Enum<E> & FlagChoice> Optional<E> find(Class<E> type, String value) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.flagValue().equals(value)).findFirst();
    }

    /** Every accepted word of {@code type}, e.g. {@code "pod, service, url"}, for error messages. */
    static <E extends Enum<E> & FlagChoice> String choices(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(FlagChoice::flagValue).collect(Collectors.joining(", "));
    }
}
