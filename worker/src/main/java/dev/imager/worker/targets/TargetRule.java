package dev.imager.worker.targets;

/**
 * One entry of a worker's allow-list: which hosts (and ports) requests may go to. See {@link AllowedTargets} for
 * the syntax and how a host is matched.
 */
public interface TargetRule {

    /**
     * True when a request to {@code host} on {@code port} is allowed.
     *
     * @param host a DNS name in lower case without a trailing dot, or an IP literal (IPv6 without brackets), as
     *     {@link AllowedTargets#permits} hands it over
     * @param port the port the request goes to (the scheme's default when the URL gives none)
     */
    boolean permits(String host, int port);

    /** The rule as it would be written in {@code --allowed-targets}. */
    String describe();
}
