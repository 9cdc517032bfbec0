package dev.imager.coordinator.run;

/** A run could not start: the configuration is unusable, or something it needs is not there. */
public class SetupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Whose fault it is, which decides the process's exit code. */
    public enum Kind {
        /** The user asked for something impossible (bad request file, unknown plug-in type): exit code 2. */
        INVALID_CONFIGURATION,
        /** Something the run needs is missing (NATS, the target, a port): exit code 3. */
        INFRASTRUCTURE
    }

    private final Kind kind;

    public SetupException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
