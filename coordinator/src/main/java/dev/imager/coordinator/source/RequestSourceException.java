package dev.imager.coordinator.source;

/** A request source could not supply a request at run time (e.g. a plug-in's database failed). */
public class RequestSourceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RequestSourceException(String message) {
        super(message);
    }

    public RequestSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
