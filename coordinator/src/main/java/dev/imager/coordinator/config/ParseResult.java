package dev.imager.coordinator.config;

import java.util.List;

/**
 * What {@link CoordinatorCommand#parse(String...)} found: a usable config, every problem, or a request
 * for help/version text. Parsing never exits the JVM and never starts anything; the launcher decides:
 * {@link Valid} runs, {@link Invalid} prints the problems and exits with code 2 (invalid
 * configuration), {@link Help} prints the text and exits with 0.
 */
public sealed interface ParseResult {

    /** The flags describe a valid configuration. */
    record Valid(CoordinatorConfig config) implements ParseResult {
    }

    /**
     * The flags are unusable; every problem, each starting with its flag (or the offending argument).
     */
    record Invalid(List<String> problems) implements ParseResult {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }

    /** {@code -h}/{@code --help} or {@code -V}/{@code --version} was given; {@code text} is what to print. */
    record Help(String text) implements ParseResult {
    }
}
