package dev.imager.coordinator.source;

import dev.imager.protocol.message.RequestSpec;

/**
 * Supplies the requests a round sends, one at a time: the original imager's request-source
 * abstraction, kept as the plug-in API for custom sources (see {@link RequestSourceFactory}).
 *
 * <p>Called from one thread only (the run's publisher thread, which plans and sends each round's jobs), so
 * implementations need no synchronisation.
 *
 * <p>Errors: problems with the source's configuration (a bad request file, bad bounds) are found
 * when it is created and thrown as
 * {@link dev.imager.coordinator.config.InvalidConfigException}, so a run never starts with a broken
 * source. The built-in sources never fail afterwards. A plug-in whose backing store fails at run time
 * (a database going away) throws the unchecked {@link RequestSourceException} from {@link #next()}: the
 * round being planned is not sent and the run ends at once as an infrastructure failure, its end reason
 * {@code failed: request source: <message>} (exit code 3). The original cut a job short at the first source
 * error and went on.
 */
public interface RequestSource {

    /**
     * The next request to send; never null.
     *
     * @throws RequestSourceException when a plug-in's backing store fails (built-ins never throw)
     */
    RequestSpec next();

    /** Starts over: the next {@link #next()} returns what the first one returned (where that is defined). */
    void reset();

    /** One line for logs and the report, e.g. {@code file /config/requests.json (3 requests)}. */
    String describe();
}
