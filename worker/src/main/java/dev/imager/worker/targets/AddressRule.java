package dev.imager.worker.targets;

import java.net.InetAddress;

/**
 * Allows an IP address range (a CIDR block; a single address is a block of its full length), on one port or any.
 * An IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.1}) is the IPv4 address it maps.
 *
 * @param network the block's address (bits beyond {@code prefixLength} are ignored)
 * @param prefixLength bits that must match: 0..32 for IPv4, 0..128 for IPv6
 * @param port the port allowed, or {@link AllowedTargets#ANY_PORT}
 */
record AddressRule(InetAddress network, int prefixLength, int port) implements TargetRule {

    @Override
    public boolean permits(String host, int targetPort) {
        if (port != AllowedTargets.ANY_PORT && port != targetPort) {
            return false;
        }
        InetAddress address = IpLiteral.parse(host);
        return address != null && contains(address);
    }

    boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != n[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (n[full] & mask);
    }

    @Override
    public String describe() {
        boolean v6 = network.getAddress().length == 16;
        int full = v6 ? 128 : 32;
        String text = network.getHostAddress() + (prefixLength == full ? "" : "/" + prefixLength);
        if (port == AllowedTargets.ANY_PORT) {
            return v6 && prefixLength == full ? "[" + text + "]" : text;
        }
        return (v6 ? "[" + text + "]" : text) + ":" + port;
    }
}
