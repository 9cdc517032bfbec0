package dev.imager.worker.targets;

import dev.imager.worker.engine.TargetAddress;
import dev.imager.worker.engine.TargetPolicy;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where a worker may send requests: its {@code --allowed-targets}. A job naming any other target is refused
 * ({@code FORBIDDEN_TARGET}) before anything is sent or resolved, so whoever can publish on the bus cannot aim the
 * fleet at a host nobody configured. As the engine's {@link TargetPolicy} it answers the same question for every
 * redirect before it is followed.
 *
 * <p>The syntax is a comma-separated list of entries:
 * <ul>
 *   <li>{@code api.example.com} or {@code api.example.com:443}: a DNS name (any port, or one);</li>
 *   <li>{@code *.example.com} or {@code *.example.com:443}: every name below a domain, at any depth, not the domain
 *       itself;</li>
 *   <li>{@code 10.1.2.3}, {@code 10.1.2.3:8080}, {@code ::1}, {@code [::1]:8080}: one address;</li>
 *   <li>{@code 10.0.0.0/8}, {@code 10.0.0.0/8:8080}, {@code fd00::/8}, {@code [fd00::/8]:8080}: an address block;</li>
 *   <li>{@code *}: anything (for a bus only trusted publishers can reach).</li>
 * </ul>
 *
 * <p>How a target's host is matched: a name only against name entries, an address literal only against address
 * entries, and no DNS lookup is ever made to decide. So a job cannot reach an allowed address block through a name
 * nobody listed, and it cannot make the worker look up names of its choosing. An allowed name is trusted to resolve
 * where its owner's DNS says; the address it resolves to is not checked again.
 *
 * <p>The default ({@link #LOOPBACK}) is this machine only: {@code localhost}, {@code 127.0.0.0/8} and {@code ::1}.
 * Immutable and thread-safe.
 */
public final class AllowedTargets implements TargetPolicy {

    /** A rule's port when any port is allowed. */
    public static final int ANY_PORT = -1;

    // Before the constants below: parsing them needs these.
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    /** This machine only: what a worker allows unless told otherwise. */
    public static final AllowedTargets LOOPBACK = parse("localhost,127.0.0.0/8,[::1]");

    /** Every target: {@code --allowed-targets '*'}. */
    public static final AllowedTargets ANY = parse("*");

    private final List<TargetRule> rules;
    private final boolean any;

    private AllowedTargets(List<TargetRule> rules, boolean any) {
        this.rules = List.copyOf(rules);
        this.any = any;
    }

    /** These rules (a host is allowed when one of them allows it). */
    public static AllowedTargets of(List<TargetRule> rules) {
        return new AllowedTargets(rules, false);
    }

    /**
     * Parses an {@code --allowed-targets} value.
     *
     * @throws IllegalArgumentException naming the first entry that is none of the forms above
     */
    public static AllowedTargets parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("must name at least one host, address or block ('*' allows any)");
        }
        List<TargetRule> rules = new ArrayList<>();
        boolean any = false;
        for (String raw : text.split(",", -1)) {
            String entry = raw.trim();
            if (entry.equals("*")) {
                any = true;
                continue;
            }
            TargetRule rule = rule(entry);
            if (rule == null) {
                throw new IllegalArgumentException("'" + entry + "' is not a host, host:port, *.domain, address, "
                        + "address block (CIDR) or either with :port");
            }
            rules.add(rule);
        }
        return new AllowedTargets(rules, any);
    }

    /**
     * True when a request to {@code host} on {@code port} is allowed. {@code host} as a URL gives it: a name in any
     * case, with or without a trailing dot, or an IP literal (IPv6 with or without brackets).
     */
    public boolean permits(String host, int port) {
        if (any) {
            return true;
        }
        String normalized = normalize(host);
        for (TargetRule rule : rules) {
            if (rule.permits(normalized, port)) {
                return true;
            }
        }
        return false;
    }

    /** The engine's question for a redirect: {@link #permits(String, int)} of its host and port. */
    @Override
    public boolean permits(TargetAddress target) {
        return permits(target.host(), target.port());
    }

    /** True when every target is allowed ({@code *}). */
    public boolean allowsAny() {
        return any;
    }

    /** The entries, as {@code --allowed-targets} would take them, e.g. {@code localhost, 127.0.0.0/8, [::1]}. */
    public String describe() {
        if (any) {
            return "*";
        }
        return rules.stream().map(TargetRule::describe).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return "AllowedTargets[" + describe() + "]";
    }

    private static String normalize(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** One entry as a rule, or null when it is none of the accepted forms. */
    private static TargetRule rule(String entry) {
        if (entry.isEmpty()) {
            return null;
        }
        String host = entry;
        int port = ANY_PORT;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = entry.substring(1, close);
            String rest = entry.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":") || (port = port(rest.substring(1))) < 0) {
                    return null;
                }
            }
            return address(host, port, true);
        }
        int colons = (int) entry.chars().filter(c -> c == ':').count();
        if (colons == 1 || colons > 1 && entry.contains("/") && entry.lastIndexOf(':') > entry.indexOf('/')) {
            // host:port, or an unbracketed IPv6 block with a port after its prefix length (fd00::/8:443)
            int colon = entry.lastIndexOf(':');
            host = entry.substring(0, colon);
            if ((port = port(entry.substring(colon + 1))) < 0) {
                return null;
            }
        } else if (colons > 1) {
            return address(entry, ANY_PORT, true);
        }
        if (host.contains("/") || IpLiteral.parse(host) != null) {
            return address(host, port, host.contains(":"));
        }
        return name(host, port);
    }

    private static TargetRule address(String text, int port, boolean v6) {
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        InetAddress address = IpLiteral.parse(addressText);
        if (address == null || (address.getAddress().length == 16) != v6 && !isMapped(addressText, address)) {
            return null;
        }
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = text.substring(slash + 1);
            if (!length.matches("[0-9]{1,3}") || (prefix = Integer.parseInt(length)) > bits) {
                return null;
            }
        }
        return new AddressRule(address, prefix, port);
    }

    /** {@code ::ffff:a.b.c.d} is read as the IPv4 address it maps; written as IPv6, it is still IPv6 text. */
    private static boolean isMapped(String text, InetAddress address) {
        return text.contains(":") && address.getAddress().length == 4;
    }

    private static TargetRule name(String text, int port) {
        String name = text.toLowerCase(Locale.ROOT);
        boolean wildcard = name.startsWith("*.");
        if (wildcard) {
            name = name.substring(2);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty() || name.length() > 253) {
            return null;
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return null;
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            // No top-level domain is numeric: this is a mistyped address (999.1.1.1), not a name.
            return null;
        }
        return new NameRule(name, wildcard, port);
    }

    private static int port(String text) {
        if (!PORT.matcher(text).matches()) {
            return -1;
        }
        int port = Integer.parseInt(text);
        return port >= 1 && port <= 65_535 ? port : -1;
    }
}
