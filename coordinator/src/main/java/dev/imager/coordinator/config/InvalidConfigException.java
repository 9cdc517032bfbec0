package dev.imager.coordinator.config;

import java.util.List;

/**
 * The user's configuration cannot be used: a bad flag value, an unknown request source or load
 * calculator, or a request file that does not parse. The launcher maps it to exit code 2 (invalid
 * configuration), the same as flag validation problems.
 *
 * <p>Each problem names what it concerns: a flag ({@code -request-source-type: unsupported value ...})
 * or a file position ({@code /config/requests.json:3:5: ...}).
 */
public class InvalidConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** One problem. */
    public InvalidConfigException(String problem) {
        this(List.of(problem));
    }

    /** Several problems, reported together. */
    public InvalidConfigException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    /** One problem with its underlying cause (e.g. the I/O error of an unreadable file). */
    public InvalidConfigException(String problem, Throwable cause) {
        super(problem, cause);
        this.problems = List.of(problem);
    }

    /** Every problem, one line each. */
    public List<String> problems() {
        return problems;
    }
}
