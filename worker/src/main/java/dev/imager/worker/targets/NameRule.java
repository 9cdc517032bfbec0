package dev.imager.worker.targets;

/**
 * Allows a DNS name, or with {@code wildcard} every name below a domain ({@code *.example.com} allows
 * {@code api.example.com} and {@code a.b.example.com}, not {@code example.com} itself), on one port or any.
 *
 * @param name the name (or the domain of a wildcard), lower case, no trailing dot
 * @param wildcard true for {@code *.name}
 * @param port the port allowed, or {@link AllowedTargets#ANY_PORT}
 */
record NameRule(String name, boolean wildcard, int port) implements TargetRule {

    @Override
    public boolean permits(String host, int targetPort) {
        if (port != AllowedTargets.ANY_PORT && port != targetPort) {
            return false;
        }
        if (!wildcard) {
            return host.equals(name);
        }
        return host.length() > name.length() + 1 && host.endsWith(name)
                && host.charAt(host.length() - name.length() - 1) == '.';
    }

    @Override
    public String describe() {
        String host = wildcard ? "*." + name : name;
        return port == AllowedTargets.ANY_PORT ? host : host + ":" + port;
    }
}
