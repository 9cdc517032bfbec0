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
        String text = (v6 ? compressed(network.getAddress()) : network.getHostAddress())
                + (prefixLength == full ? "" : "/" + prefixLength);
        if (port == AllowedTargets.ANY_PORT) {
            return v6 && prefixLength == full ? "[" + text + "]" : text;
        }
        return (v6 ? "[" + text + "]" : text) + ":" + port;
    }

    /** IPv6 text as RFC 5952 writes it: lower-case hex groups, the longest run of two or more zero groups as "::". */
    static String compressed(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xFF) << 8) | (address[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
